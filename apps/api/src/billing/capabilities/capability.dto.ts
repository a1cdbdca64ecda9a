import { ApiProperty } from '@nestjs/swagger';
import { Capability, PROVIDER_IDS, ProviderId } from '@app/providers';
import { EXAMPLE_CONNECTION_ID } from '../common/resource.dto';

export class ConnectionCapabilitiesDto {
  @ApiProperty({ description: 'Connection id.', format: 'uuid', example: EXAMPLE_CONNECTION_ID })
  connectionId: string;

  @ApiProperty({
    description: 'Billing provider.',
    enum: PROVIDER_IDS,
    enumName: 'ProviderId',
    example: 'stripe',
  })
  provider: ProviderId;

  @ApiProperty({ description: 'Display name of the connection.', example: 'Stripe' })
  name: string;

  @ApiProperty({
    description: 'Whether routes act on this connection when no connectionId is given.',
    example: true,
  })
  isPrimary: boolean;

  @ApiProperty({
    description: 'Normalized operations the provider supports; the others answer 501 unsupported-operation.',
    enum: Capability,
    enumName: 'Capability',
    isArray: true,
    example: [Capability.GetBillingAccount, Capability.CreatePortalSession, Capability.ListInvoices],
  })
  capabilities: Capability[];
}

export class CapabilitiesDto {
  @ApiProperty({ description: "The tenant's connections, primary first.", type: [ConnectionCapabilitiesDto] })
  data: ConnectionCapabilitiesDto[];
}
