import { Injectable } from '@nestjs/common';
import type { ProviderConnection } from '@prisma/client';
import { ErrorType, GatewayError } from '@app/errors';
import { ConnectionCredentials, PrismaService } from '@app/persistence';
import { CacheInvalidation, TenantScopedCache } from '@app/redis';
import type { BillingProvider } from './billing-provider';
import { Capability } from './domain/capability';
import type { ProviderCall } from './provider-call';
import { ProviderRegistry } from './provider-registry';
import { NativeCatalog } from './native/native-catalog';

export interface ResolvedConnection {
  connection: ProviderConnection;
  adapter: BillingProvider;
  call: ProviderCall;
}

/**
 * Resolved connections (row and decrypted credentials) are cached per process, so a request costs
 * neither a database lookup nor a decryption. Every change to a tenant's connections (create,
 * update, delete, primary switch) and the tenant's deletion invalidate at once through
 * CacheInvalidation, in every process; the TTL bounds how long an entry could outlive a change
 * made behind the gateway's back.
 */
const CONNECTION_CACHE_TTL_MS = 10_000;
const CONNECTION_CACHE_MAX_ENTRIES = 10_000;

interface CachedConnection {
  connection: ProviderConnection;
  credentials: ProviderCall['credentials'];
}

/**
 * Turns (tenant, optional connection id) into an adapter and a ready ProviderCall. Always scoped by
 * tenant: another tenant's connection id is "not found", exactly like an id that does not exist.
 */
@Injectable()
export class ConnectionResolver {
  private readonly cache: TenantScopedCache<CachedConnection>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly credentials: ConnectionCredentials,
    private readonly registry: ProviderRegistry,
    private readonly catalog: NativeCatalog,
    invalidation: CacheInvalidation,
  ) {
    this.cache = new TenantScopedCache(invalidation, {
      ttlMs: CONNECTION_CACHE_TTL_MS,
      maxEntries: CONNECTION_CACHE_MAX_ENTRIES,
    });
  }

  async resolve(
    tenantId: string,
    connectionId?: string,
    idempotencyKey?: string,
  ): Promise<ResolvedConnection> {
    // Always scoped by tenant: the same connection id under another tenant is another (missing) key.
    const cached = await this.cache.get(`${tenantId}/${connectionId ?? '(primary)'}`, async () => {
      const connection = connectionId
        ? await this.prisma.providerConnection.findFirst({ where: { id: connectionId, tenantId } })
        : await this.prisma.providerConnection.findFirst({ where: { tenantId, isPrimary: true } });
      return connection
        ? { tenantId, value: { connection, credentials: this.credentials.open(connection) } }
        : undefined;
    });
    if (!cached) {
      throw connectionId
        ? GatewayError.notFound('Connection', connectionId)
        : new GatewayError(
            ErrorType.NotFound,
            'The tenant has no primary connection; pass connectionId or make one primary.',
          );
    }
    const { connection, credentials } = cached;
    return {
      connection,
      adapter: this.registry.get(connection.provider),
      call: {
        connectionId: connection.id,
        account: connection.account as Record<string, unknown>,
        settings: connection.settings as Record<string, unknown>,
        credentials: { ...credentials }, // callers get their own copy; the cached one stays intact
        idempotencyKey,
      },
    };
  }

  /** 501 unless the connection's provider supports the capability; names who does and what is native. */
  assertSupports(resolved: ResolvedConnection, capability: Capability): void {
    if (resolved.adapter.supports(capability)) return;
    const provider = resolved.adapter.id;
    throw new GatewayError(
      ErrorType.UnsupportedOperation,
      `${resolved.adapter.displayName} does not support ${capability}.`,
      {
        extensions: {
          provider,
          operation: capability,
          connectionId: resolved.connection.id,
          supportedBy: this.registry.supporting(capability),
          nativeOperations: this.catalog.list(provider).map((operation) => operation.operationId),
        },
      },
    );
  }
}
