import { Injectable } from '@nestjs/common';
import type { ProviderConnection } from '@prisma/client';
import { ErrorType, GatewayError } from '@app/errors';
import { ConnectionCredentials, PrismaService } from '@app/persistence';
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
 * Turns (tenant, optional connection id) into an adapter and a ready ProviderCall. Always scoped by
 * tenant: another tenant's connection id is "not found", exactly like an id that does not exist.
 */
@Injectable()
export class ConnectionResolver {
  constructor(
    private readonly prisma: PrismaService,
    private readonly credentials: ConnectionCredentials,
    private readonly registry: ProviderRegistry,
    private readonly catalog: NativeCatalog,
  ) {}

  async resolve(
    tenantId: string,
    connectionId?: string,
    idempotencyKey?: string,
  ): Promise<ResolvedConnection> {
    const connection = connectionId
      ? await this.prisma.providerConnection.findFirst({ where: { id: connectionId, tenantId } })
      : await this.prisma.providerConnection.findFirst({ where: { tenantId, isPrimary: true } });
    if (!connection) {
      throw connectionId
        ? GatewayError.notFound('Connection', connectionId)
        : new GatewayError(
            ErrorType.NotFound,
            'The tenant has no primary connection; pass connectionId or make one primary.',
          );
    }
    return {
      connection,
      adapter: this.registry.get(connection.provider),
      call: {
        connectionId: connection.id,
        account: connection.account as Record<string, unknown>,
        settings: connection.settings as Record<string, unknown>,
        credentials: this.credentials.open(connection),
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
