import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/persistence';
import { CAPABILITIES, ProviderRegistry } from '@app/providers';
import { CapabilitiesDto } from './capability.dto';

@Injectable()
export class CapabilitiesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly registry: ProviderRegistry,
  ) {}

  /** What each of the tenant's connections can do, so a frontend can hide what would be a 501. */
  async forTenant(tenantId: string): Promise<CapabilitiesDto> {
    const connections = await this.prisma.providerConnection.findMany({
      where: { tenantId },
      select: { id: true, provider: true, name: true, isPrimary: true },
      orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return {
      data: connections.map((connection) => {
        const adapter = this.registry.get(connection.provider);
        return {
          connectionId: connection.id,
          provider: connection.provider,
          name: connection.name,
          isPrimary: connection.isPrimary,
          // In the enum's order, so the list is stable whatever order an adapter declares them in.
          capabilities: CAPABILITIES.filter((capability) => adapter.supports(capability)),
        };
      }),
    };
  }
}
