import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { Capability } from '@app/providers';
import { providerExamples } from '../common/api-docs';
import { EXAMPLE_CONNECTION_ID } from '../common/resource.dto';
import { CapabilitiesDto } from './capability.dto';
import { CapabilitiesService } from './capabilities.service';

@ApiTags('Billing: capabilities')
@TenantAuth()
@Controller('v1/capabilities')
export class CapabilitiesController {
  constructor(private readonly service: CapabilitiesService) {}

  @Get()
  @ApiOperation({ summary: "What each of the tenant's connections supports" })
  @ApiOkResponse({
    type: CapabilitiesDto,
    examples: providerExamples({
      qovery: {
        data: [
          {
            connectionId: EXAMPLE_CONNECTION_ID,
            provider: 'qovery',
            name: 'Qovery',
            isPrimary: true,
            capabilities: [Capability.GetBillingAccount, Capability.ListInvoices, Capability.GetCurrentCost],
          },
        ],
      },
    }),
  })
  getCapabilities(@CurrentTenant() tenant: TenantPrincipal): Promise<CapabilitiesDto> {
    return this.service.forTenant(tenant.tenantId);
  }
}
