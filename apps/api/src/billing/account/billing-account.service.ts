import { Injectable } from '@nestjs/common';
import { BillingAccount, Capability, ResolvedConnection } from '@app/providers';
import { normalizeBillingAccount } from '@app/queue';
import { BillingGateway } from '../common/billing-gateway';
import { CachedReads } from '../common/cached-read';
import { originOf } from '../common/normalize';
import { BillingAccountDto, UpdateBillingDetailsDto } from './billing-account.dto';

@Injectable()
export class BillingAccountService {
  constructor(
    private readonly gateway: BillingGateway,
    private readonly cachedReads: CachedReads,
  ) {}

  async get(tenantId: string, connectionId?: string): Promise<BillingAccountDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetBillingAccount]);
    return this.map(await resolved.adapter.getBillingAccount!(resolved.call), resolved);
  }

  /** The account as the last poll saw it (no provider call). */
  async cached(
    tenantId: string,
    connectionId: string | undefined,
    onAge: (observedAt: Date) => void,
  ): Promise<BillingAccountDto> {
    const [account] = await this.cachedReads.read<BillingAccountDto>(
      tenantId,
      connectionId,
      Capability.GetBillingAccount,
      'billing_account',
      onAge,
    );
    return account!;
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
    return normalizeBillingAccount(account, originOf(resolved));
  }
}
