import { Injectable } from '@nestjs/common';
import { sha256Hex } from '@app/crypto';
import { PrismaService } from '@app/persistence';
import { CacheInvalidation, TenantScopedCache } from '@app/redis';
import { TenantPrincipal } from './authenticated-request';

/** lastUsedAt is informational; writing it at most once a minute keeps auth off the write path. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * Active keys are cached per process so a request costs no database lookup. Revocation, tenant
 * updates and deletion invalidate at once (CacheInvalidation); the TTL only bounds how long an
 * entry could outlive a change made behind the gateway's back (e.g. by hand in the database).
 */
const KEY_CACHE_TTL_MS = 10_000;
const KEY_CACHE_MAX_ENTRIES = 10_000;

const TENANT_FIELDS = { id: true, slug: true, allowedReturnOrigins: true } as const;

interface KeyRow {
  id: string;
  lastUsedAt: Date | null;
  tenant: { id: string; slug: string; allowedReturnOrigins: string[] };
}

interface CachedKey {
  principal: TenantPrincipal;
  /** Epoch ms of the last lastUsedAt this process knows of (read or written). */
  lastUsedAt: number;
}

function principalOf(key: KeyRow): TenantPrincipal {
  return {
    tenantId: key.tenant.id,
    slug: key.tenant.slug,
    allowedReturnOrigins: key.tenant.allowedReturnOrigins,
    apiKeyId: key.id,
  };
}

@Injectable()
export class TenantKeyService {
  /** Active keys by secret hash. */
  private readonly bySecretHash: TenantScopedCache<CachedKey>;
  /** Active keys by id (client tokens name their issuing key). */
  private readonly byId: TenantScopedCache<TenantPrincipal>;

  constructor(
    private readonly prisma: PrismaService,
    invalidation: CacheInvalidation,
  ) {
    const options = { ttlMs: KEY_CACHE_TTL_MS, maxEntries: KEY_CACHE_MAX_ENTRIES };
    this.bySecretHash = new TenantScopedCache(invalidation, options);
    this.byId = new TenantScopedCache(invalidation, options);
  }

  /** Resolves an active (not revoked) key to its tenant, or undefined. */
  async resolve(secret: string): Promise<TenantPrincipal | undefined> {
    const secretHash = sha256Hex(secret);
    const entry = await this.bySecretHash.get(secretHash, async () => {
      const key = await this.prisma.tenantApiKey.findUnique({
        where: { secretHash },
        include: { tenant: { select: TENANT_FIELDS } },
      });
      if (!key || key.revokedAt) return undefined;
      return {
        tenantId: key.tenant.id,
        value: { principal: principalOf(key), lastUsedAt: key.lastUsedAt?.getTime() ?? 0 },
      };
    });
    return entry ? this.used(entry) : undefined;
  }

  /**
   * The principal behind a client token: its issuing key must still exist (a deleted tenant takes
   * its keys with it), belong to the token's tenant and not be revoked.
   */
  async resolveIssuer(apiKeyId: string, tenantId: string): Promise<TenantPrincipal | undefined> {
    const principal = await this.byId.get(apiKeyId, async () => {
      const key = await this.prisma.tenantApiKey.findFirst({
        where: { id: apiKeyId, revokedAt: null },
        include: { tenant: { select: TENANT_FIELDS } },
      });
      return key ? { tenantId: key.tenant.id, value: principalOf(key) } : undefined;
    });
    return principal && principal.tenantId === tenantId ? { ...principal } : undefined;
  }

  /** Records the use (throttled, after the response, never failing it) and hands out a copy. */
  private used(entry: CachedKey): TenantPrincipal {
    const now = Date.now();
    if (now - entry.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      entry.lastUsedAt = now;
      void this.prisma.tenantApiKey
        .updateMany({ where: { id: entry.principal.apiKeyId }, data: { lastUsedAt: new Date(now) } })
        .catch(() => undefined);
    }
    return { ...entry.principal };
  }
}
