import { Injectable } from '@nestjs/common';
import { sha256Hex } from '@app/crypto';
import { PrismaService } from '@app/persistence';
import { TenantPrincipal } from './authenticated-request';

/** lastUsedAt is informational; writing it at most once a minute keeps auth off the write path. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class TenantKeyService {
  constructor(private readonly prisma: PrismaService) {}

  /** Resolves an active (not revoked) key to its tenant, or undefined. */
  async resolve(secret: string): Promise<TenantPrincipal | undefined> {
    const key = await this.prisma.tenantApiKey.findUnique({
      where: { secretHash: sha256Hex(secret) },
      include: { tenant: { select: { id: true, slug: true, allowedReturnOrigins: true } } },
    });
    if (!key || key.revokedAt) return undefined;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      void this.prisma.tenantApiKey
        .updateMany({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
        .catch(() => undefined);
    }
    return {
      tenantId: key.tenant.id,
      slug: key.tenant.slug,
      allowedReturnOrigins: key.tenant.allowedReturnOrigins,
      apiKeyId: key.id,
    };
  }
}
