import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, type TenantPrincipal } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { BillingEventPageDto, EventQueryDto } from './event.dto';
import { EventFeed } from './events.service';

@ApiTags('Events')
@TenantAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly feed: EventFeed) {}

  @Get()
  @ApiOperation({
    summary: 'Read the change feed',
    description:
      'Changes the background polls observed in the billing account, subscriptions and invoices of every ' +
      'connection of the tenant, oldest first. Poll with the last `nextCursor` as `after`: every event is seen ' +
      'exactly once, in order. Types: billing_account.updated, billing_status.changed, subscription.created, ' +
      'subscription.updated, subscription.canceled, invoice.created, invoice.status_changed, invoice.updated. ' +
      "A connection's first poll records its current state without events.",
  })
  @ApiOkResponse({ type: BillingEventPageDto })
  @ApiProblems(400)
  listEvents(
    @CurrentTenant() tenant: TenantPrincipal,
    @Query() query: EventQueryDto,
  ): Promise<BillingEventPageDto> {
    return this.feed.page(tenant.tenantId, query);
  }
}
