import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems, providerExamples } from '../common/api-docs';
import { ConnectionQueryDto } from '../common/connection-selector.dto';
import { ApiResourceIdParam, ResourceIdParam } from '../common/request-params';
import { CLUSTER_COST_EXAMPLES, CURRENT_COST_EXAMPLES } from '../openapi-examples';
import { CostRangeDto, CurrentCostDto } from './cost.dto';
import { CostsService } from './costs.service';

@ApiTags('Billing: costs')
@TenantAuth()
@Controller('v1/costs')
export class CostsController {
  constructor(private readonly service: CostsService) {}

  @Get('current')
  @ApiOperation({ summary: 'Cost of the current billing period', description: 'Qovery. 501 otherwise.' })
  @ApiOkResponse({ type: CurrentCostDto, examples: providerExamples(CURRENT_COST_EXAMPLES) })
  @ApiBillingProblems()
  getCurrentCost(
    @CurrentTenant() tenant: TenantPrincipal,
    @Query() query: ConnectionQueryDto,
  ): Promise<CurrentCostDto> {
    return this.service.current(tenant.tenantId, query.connectionId);
  }

  @Get('clusters/:clusterId')
  @ApiOperation({ summary: 'Estimated cost range of a cluster', description: 'Qovery. 501 otherwise.' })
  @ApiResourceIdParam('clusterId', 'Cluster id at the provider.', {
    qovery: '3f1d2c4b-8a7e-4e6f-9b0a-1c2d3e4f5a6b',
  })
  @ApiOkResponse({ type: CostRangeDto, examples: providerExamples(CLUSTER_COST_EXAMPLES) })
  @ApiBillingProblems()
  getClusterCost(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('clusterId') clusterId: string,
    @Query() query: ConnectionQueryDto,
  ): Promise<CostRangeDto> {
    return this.service.cluster(tenant.tenantId, clusterId, query.connectionId);
  }
}
