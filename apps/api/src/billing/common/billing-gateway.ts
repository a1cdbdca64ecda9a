import { Injectable } from '@nestjs/common';
import { Capability, ConnectionResolver, ResolvedConnection } from '@app/providers';

/**
 * The first step of every billing route: the tenant's connection (primary unless one is named)
 * and, before anything is sent upstream, proof that its provider supports what the route needs
 * (501 naming the providers that do). Adapter methods for declared capabilities are guaranteed to
 * exist by the provider registry, which is why services may call them with `!`.
 */
@Injectable()
export class BillingGateway {
  constructor(private readonly resolver: ConnectionResolver) {}

  async connect(
    tenantId: string,
    connectionId: string | undefined,
    capabilities: Capability[],
    idempotencyKey?: string,
  ): Promise<ResolvedConnection> {
    const resolved = await this.resolver.resolve(tenantId, connectionId, idempotencyKey);
    for (const capability of capabilities) this.resolver.assertSupports(resolved, capability);
    return resolved;
  }
}
