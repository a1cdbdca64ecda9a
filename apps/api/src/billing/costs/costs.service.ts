import { Injectable } from '@nestjs/common';
import { Capability } from '@app/providers';
import { BillingGateway } from '../common/billing-gateway';
import { isoOrNull, moneyOrNull, originOf, orNull } from '../common/normalize';
import { CostRangeDto, CurrentCostDto } from './cost.dto';

@Injectable()
export class CostsService {
  constructor(private readonly gateway: BillingGateway) {}

  async current(tenantId: string, connectionId?: string): Promise<CurrentCostDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetCurrentCost]);
    const cost = await resolved.adapter.getCurrentCost!(resolved.call);
    return {
      ...originOf(resolved),
      plan: orNull(cost.plan),
      total: moneyOrNull(cost.total),
      renewalAt: isoOrNull(cost.renewalAt),
      remainingTrialDays: orNull(cost.remainingTrialDays),
    };
  }

  async cluster(tenantId: string, clusterId: string, connectionId?: string): Promise<CostRangeDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetClusterCost]);
    const range = await resolved.adapter.getClusterCost!(resolved.call, clusterId);
    return {
      ...originOf(resolved),
      clusterId: range.clusterId ?? clusterId,
      min: moneyOrNull(range.min),
      max: moneyOrNull(range.max),
    };
  }
}
