import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ConnectionDto } from '../connections/connection.dto';
import { ConnectionsService } from '../connections/connections.service';
import { TenantDto } from '../tenants/tenant.dto';
import { TenantsService } from '../tenants/tenants.service';

export class CurrentTenantDto extends TenantDto {
  @ApiProperty({
    description: "The tenant's provider connections, credentials masked.",
    type: [ConnectionDto],
  })
  connections: ConnectionDto[];
}

@ApiTags('Tenant')
@TenantAuth()
@Controller('v1/tenant')
export class TenantSelfController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly connections: ConnectionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The calling tenant and its connections (credentials masked)' })
  @ApiOkResponse({ type: CurrentTenantDto })
  async getCurrentTenant(@CurrentTenant() tenant: TenantPrincipal): Promise<CurrentTenantDto> {
    const [self, connections] = await Promise.all([
      this.tenants.get(tenant.tenantId),
      this.connections.list(tenant.tenantId),
    ]);
    return { ...self, connections };
  }
}
