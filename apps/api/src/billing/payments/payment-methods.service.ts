import { Injectable } from '@nestjs/common';
import { Capability, PaymentMethod, ResolvedConnection } from '@app/providers';
import { BillingGateway } from '../common/billing-gateway';
import { isoOrNull, originOf, orNull } from '../common/normalize';
import {
  AddPaymentMethodDto,
  PaymentMethodDto,
  PaymentMethodListDto,
  RedeemCreditDto,
} from './payment-method.dto';

@Injectable()
export class PaymentMethodsService {
  constructor(private readonly gateway: BillingGateway) {}

  async list(tenantId: string, connectionId?: string): Promise<PaymentMethodListDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.ListPaymentMethods]);
    const methods = await resolved.adapter.listPaymentMethods!(resolved.call);
    return { data: methods.map((method) => this.map(method, resolved)) };
  }

  async add(tenantId: string, dto: AddPaymentMethodDto, idempotencyKey?: string): Promise<PaymentMethodDto> {
    const { connectionId, ...card } = dto;
    const resolved = await this.gateway.connect(
      tenantId,
      connectionId,
      [Capability.AddPaymentMethod],
      idempotencyKey,
    );
    return this.map(await resolved.adapter.addPaymentMethod!(resolved.call, card), resolved);
  }

  async remove(tenantId: string, id: string, connectionId?: string, idempotencyKey?: string): Promise<void> {
    const resolved = await this.gateway.connect(
      tenantId,
      connectionId,
      [Capability.RemovePaymentMethod],
      idempotencyKey,
    );
    await resolved.adapter.removePaymentMethod!(resolved.call, id);
  }

  async redeemCredit(tenantId: string, dto: RedeemCreditDto, idempotencyKey?: string): Promise<void> {
    const resolved = await this.gateway.connect(
      tenantId,
      dto.connectionId,
      [Capability.RedeemCreditCode],
      idempotencyKey,
    );
    await resolved.adapter.redeemCreditCode!(resolved.call, dto.code);
  }

  private map(method: PaymentMethod, resolved: ResolvedConnection): PaymentMethodDto {
    return {
      ...originOf(resolved),
      id: method.id,
      type: 'card',
      brand: orNull(method.brand),
      last4: orNull(method.last4),
      expiryMonth: orNull(method.expiryMonth),
      expiryYear: orNull(method.expiryYear),
      expired: orNull(method.expired),
      createdAt: isoOrNull(method.createdAt),
    };
  }
}
