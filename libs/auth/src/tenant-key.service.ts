import { Injectable } from '@nestjs/common';
import { sha256Hex } from '@app/crypto';
import { PrismaService } from '@app/persistence';
import { TenantPrincipal } from './authenticated-request';

/** lastUsedAt is informational; writing it at most once a minute keeps auth off the write path. */
const LAST_USED_RESOLUTION_MS = 60_000;

const TENANT_FIELDS = { id: true, slug: true, allowedReturnOrigins: true } as const;

function principalOf(key: {
  id: string;
  tenant: { id: string; slug: string; allowedReturnOrigins: string[] };
}): TenantPrincipal {
  return {
    tenantId: key.tenant.id,
    slug: key.tenant.slug,
    allowedReturnOrigins: key.tenant.allowedReturnOrigins,
    apiKeyId: key.id,
  };
}

@Injectable()
export class TenantKeyService {
  constructor(private readonly prisma: PrismaService) {}

  /** Resolves an active (not revoked) key to its tenant, or undefined. */
  async resolve(secret: string): Promise<TenantPrincipal | undefined> {
    const key = await this.prisma.tenantApiKey.findUnique({
      where: { secretHash: sha256Hex(secret) },
      include: { tenant: { select: TENANT_FIELDS } },
    });
    if (!key || key.revokedAt) return undefined;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      void this.prisma.tenantApiKey
        .updateMany({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
        .catch(() => undefined);
    }
    return principalOf(key);
  }

  /**
   * The principal behind a client token: its issuing key must still exist (a deleted tenant takes
   * its keys with it), belong to the token's tenant and not be revoked.
   */
  async resolveIssuer(apiKeyId: string, tenantId: string): Promise<TenantPrincipal | undefined> {
    const key = await this.prisma.tenantApiKey.findFirst({
      where: { id: apiKeyId, tenantId, revokedAt: null },
      include: { tenant: { select: TENANT_FIELDS } },
    });
    return key ? principalOf(key) : undefined;
  }
}
