import { Injectable } from '@nestjs/common';
import { BillingAccount, Capability, ResolvedConnection } from '@app/providers';
import { BillingGateway } from '../common/billing-gateway';
import { originOf, orNull } from '../common/normalize';
import { BillingAccountDto, UpdateBillingDetailsDto } from './billing-account.dto';

@Injectable()
export class BillingAccountService {
  constructor(private readonly gateway: BillingGateway) {}

  async get(tenantId: string, connectionId?: string): Promise<BillingAccountDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetBillingAccount]);
    return this.map(await resolved.adapter.getBillingAccount!(resolved.call), resolved);
  }

  async updateDetails(
    tenantId: string,
    dto: UpdateBillingDetailsDto,
    idempotencyKey?: string,
  ): Promise<BillingAccountDto> {
    const { connectionId, ...details } = dto;
    const resolved = await this.gateway.connect(
      tenantId,
      connectionId,
      [Capability.UpdateBillingDetails],
      idempotencyKey,
    );
    return this.map(await resolved.adapter.updateBillingDetails!(resolved.call, details), resolved);
  }

  private map(account: BillingAccount, resolved: ResolvedConnection): BillingAccountDto {
    return {
      ...originOf(resolved),
      id: account.id,
      name: orNull(account.name),
      email: orNull(account.email),
      plan: orNull(account.plan),
      status: account.status,
      providerStatus: orNull(account.providerStatus),
      billingEnabled: orNull(account.billingEnabled),
      raw: account.raw ?? {},
    };
  }
}
