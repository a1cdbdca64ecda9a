import { Injectable } from '@nestjs/common';
import { TenantApiKey } from '@prisma/client';
import { randomToken, sha256Hex } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { PrismaService } from '@app/persistence';
import { CacheInvalidation } from '@app/redis';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../tenants/tenants.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';

export const API_KEY_PREFIX = 'bgw_';
const SECRET_BYTES = 32;
const VISIBLE_CHARS = 10;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly invalidation: CacheInvalidation,
  ) {}

  async create(tenantId: string, dto: CreateApiKeyDto, by: Actor): Promise<CreatedApiKeyDto> {
    await this.assertTenant(tenantId);
    const secret = `${API_KEY_PREFIX}${randomToken(SECRET_BYTES)}`;
    const key = await this.prisma.$transaction(async (tx) => {
      const created = await tx.tenantApiKey.create({
        data: {
          tenantId,
          name: dto.name,
          prefix: secret.slice(0, VISIBLE_CHARS),
          secretHash: sha256Hex(secret),
        },
      });
      await this.audit.record(
        { ...by, action: 'api_key.created', tenantId, targetType: 'api_key', targetId: created.id },
        tx,
      );
      return created;
    });
    return { ...this.map(key), secret };
  }

  async list(tenantId: string): Promise<ApiKeyDto[]> {
    await this.assertTenant(tenantId);
    const keys = await this.prisma.tenantApiKey.findMany({ where: { tenantId }, orderBy: { id: 'asc' } });
    return keys.map((key) => this.map(key));
  }

  /** Revocation is immediate: the guard rejects revoked keys on the next request. Idempotent. */
  async revoke(tenantId: string, keyId: string, by: Actor): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const key = await tx.tenantApiKey.findFirst({ where: { id: keyId, tenantId } });
      if (!key) throw GatewayError.notFound('API key', keyId);
      if (key.revokedAt) return;
      await tx.tenantApiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
      await this.audit.record(
        { ...by, action: 'api_key.revoked', tenantId, targetType: 'api_key', targetId: keyId },
        tx,
      );
    });
    // After the commit: a key cached by any process stops working before this request answers.
    await this.invalidation.tenantChanged(tenantId);
  }

  private async assertTenant(tenantId: string): Promise<void> {
    const tenant = await this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!tenant) throw GatewayError.notFound('Tenant', tenantId);
  }

  private map(key: TenantApiKey): ApiKeyDto {
    return {
      id: key.id,
      tenantId: key.tenantId,
      name: key.name,
      prefix: key.prefix,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
      createdAt: key.createdAt.toISOString(),
    };
  }
}
