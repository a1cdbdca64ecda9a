import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems, providerExamples } from '../common/api-docs';
import { CachedQueryDto, SNAPSHOT_AGE_DOC, snapshotAge } from '../common/cached-read';
import { ConnectionQueryDto } from '../common/connection-selector.dto';
import {
  ApiIdempotencyKey,
  ApiResourceIdParam,
  IdempotencyKey,
  ResourceIdParam,
} from '../common/request-params';
import { CHECKOUT_EXAMPLES, SUBSCRIPTION_EXAMPLES } from '../openapi-examples';
import {
  CancelSubscriptionDto,
  CheckoutSessionDto,
  CreateCheckoutSessionDto,
  SubscriptionDto,
  SubscriptionListDto,
  UpdateSubscriptionDto,
} from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

const SUBSCRIPTION_ID = ApiResourceIdParam('id', 'Subscription id at the provider.', {
  stripe: 'sub_1MowQVLkdIwHu7ixeRlqHVzs',
  qovery: '5e0a9b3c-2f5d-4a5e-9d8e-1f2a3b4c5d6e',
  prefect: '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d',
});
const ONE = providerExamples(SUBSCRIPTION_EXAMPLES);

@ApiTags('Billing: subscriptions')
@TenantAuth()
@Controller('v1')
export class SubscriptionsController {
  constructor(private readonly service: SubscriptionsService) {}

  @Get('subscriptions')
  @ApiOperation({
    summary: 'List subscriptions',
    description: 'Stripe, Qovery and Prefect Cloud (one subscription each).',
  })
  @ApiOkResponse({
    type: SubscriptionListDto,
    examples: providerExamples({
      stripe: { data: [SUBSCRIPTION_EXAMPLES.stripe] },
      qovery: { data: [SUBSCRIPTION_EXAMPLES.qovery] },
      prefect: { data: [SUBSCRIPTION_EXAMPLES.prefect] },
    }),
    headers: SNAPSHOT_AGE_DOC,
  })
  @ApiBillingProblems(409)
  listSubscriptions(
    @CurrentTenant() tenant: TenantPrincipal,
    @Query() query: CachedQueryDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<SubscriptionListDto> {
    return query.cached
      ? this.service.cachedList(tenant.tenantId, query.connectionId, snapshotAge(response))
      : this.service.list(tenant.tenantId, query.connectionId);
  }

  @Get('subscriptions/:id')
  @ApiOperation({ summary: 'Get a subscription' })
  @SUBSCRIPTION_ID
  @ApiOkResponse({ type: SubscriptionDto, examples: ONE })
  @ApiBillingProblems()
  getSubscription(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') id: string,
    @Query() query: ConnectionQueryDto,
  ): Promise<SubscriptionDto> {
    return this.service.get(tenant.tenantId, id, query.connectionId);
  }

  @Patch('subscriptions/:id')
  @ApiOperation({
    summary: 'Change seats and/or plan',
    description:
      'Seats: Stripe, Prefect Cloud (`change_seats`). Plan: Stripe, Qovery (`change_plan`). 501 otherwise.',
  })
  @SUBSCRIPTION_ID
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: SubscriptionDto, examples: ONE })
  @ApiBillingProblems(422)
  updateSubscription(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') id: string,
    @Body() dto: UpdateSubscriptionDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<SubscriptionDto> {
    return this.service.change(tenant.tenantId, id, dto, idempotencyKey);
  }

  @Post('subscriptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a subscription',
    description: 'At period end: Stripe, Prefect Cloud. Immediately: Stripe. 501 otherwise.',
  })
  @SUBSCRIPTION_ID
  @ApiIdempotencyKey()
  @ApiOkResponse({
    type: SubscriptionDto,
    examples: providerExamples({
      stripe: { ...SUBSCRIPTION_EXAMPLES.stripe, cancelAtPeriodEnd: true },
      prefect: { ...SUBSCRIPTION_EXAMPLES.prefect, cancelAtPeriodEnd: true },
    }),
  })
  @ApiBillingProblems(422)
  cancelSubscription(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') id: string,
    @Body() dto: CancelSubscriptionDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<SubscriptionDto> {
    return this.service.cancel(tenant.tenantId, id, dto, idempotencyKey);
  }

  @Post('checkout-session')
  @ApiOperation({
    summary: 'Get a checkout link to subscribe to a plan',
    description: 'Prefect Cloud. 501 otherwise.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CheckoutSessionDto, examples: providerExamples(CHECKOUT_EXAMPLES) })
  @ApiBillingProblems(422)
  createCheckoutSession(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() dto: CreateCheckoutSessionDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<CheckoutSessionDto> {
    return this.service.checkout(tenant.tenantId, dto, idempotencyKey);
  }
}
