import { Injectable } from '@nestjs/common';
import { Capability, ResolvedConnection, Subscription } from '@app/providers';
import { normalizeSubscription } from '@app/queue';
import { BillingGateway } from '../common/billing-gateway';
import { CachedReads } from '../common/cached-read';
import { isoOrNull, originOf } from '../common/normalize';
import {
  CancelSubscriptionDto,
  CheckoutSessionDto,
  CreateCheckoutSessionDto,
  SubscriptionDto,
  SubscriptionListDto,
  UpdateSubscriptionDto,
} from './subscription.dto';

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly gateway: BillingGateway,
    private readonly cachedReads: CachedReads,
  ) {}

  async list(tenantId: string, connectionId?: string): Promise<SubscriptionListDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.ListSubscriptions]);
    const subscriptions = await resolved.adapter.listSubscriptions!(resolved.call);
    return { data: subscriptions.map((subscription) => this.map(subscription, resolved)) };
  }

  /** The subscriptions as the last poll saw them (no provider call). */
  async cachedList(
    tenantId: string,
    connectionId: string | undefined,
    onAge: (observedAt: Date) => void,
  ): Promise<SubscriptionListDto> {
    const data = await this.cachedReads.read<SubscriptionDto>(
      tenantId,
      connectionId,
      Capability.ListSubscriptions,
      'subscription',
      onAge,
    );
    return { data };
  }

  async get(tenantId: string, id: string, connectionId?: string): Promise<SubscriptionDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetSubscription]);
    return this.map(await resolved.adapter.getSubscription!(resolved.call, id), resolved);
  }

  /** Seats and plan are separate capabilities: a change needs every one it touches. */
  async change(
    tenantId: string,
    id: string,
    dto: UpdateSubscriptionDto,
    idempotencyKey?: string,
  ): Promise<SubscriptionDto> {
    const needed = [
      ...(dto.seats !== undefined ? [Capability.ChangeSeats] : []),
      ...(dto.plan !== undefined ? [Capability.ChangePlan] : []),
    ];
    const resolved = await this.gateway.connect(tenantId, dto.connectionId, needed, idempotencyKey);
    const change = {
      ...(dto.seats !== undefined ? { seats: dto.seats } : {}),
      ...(dto.plan !== undefined ? { plan: dto.plan } : {}),
    };
    return this.map(await resolved.adapter.changeSubscription!(resolved.call, id, change), resolved);
  }

  async cancel(
    tenantId: string,
    id: string,
    dto: CancelSubscriptionDto,
    idempotencyKey?: string,
  ): Promise<SubscriptionDto> {
    const capability = dto.atPeriodEnd ? Capability.CancelAtPeriodEnd : Capability.CancelNow;
    const resolved = await this.gateway.connect(tenantId, dto.connectionId, [capability], idempotencyKey);
    const subscription = await resolved.adapter.cancelSubscription!(resolved.call, id, {
      atPeriodEnd: dto.atPeriodEnd,
    });
    return this.map(subscription, resolved);
  }

  async checkout(
    tenantId: string,
    dto: CreateCheckoutSessionDto,
    idempotencyKey?: string,
  ): Promise<CheckoutSessionDto> {
    const resolved = await this.gateway.connect(
      tenantId,
      dto.connectionId,
      [Capability.CreateCheckoutLink],
      idempotencyKey,
    );
    const link = await resolved.adapter.createCheckoutLink!(resolved.call, { plan: dto.plan });
    return { url: link.url, ...originOf(resolved), expiresAt: isoOrNull(link.expiresAt) };
  }

  private map(subscription: Subscription, resolved: ResolvedConnection): SubscriptionDto {
    return normalizeSubscription(subscription, originOf(resolved));
  }
}
