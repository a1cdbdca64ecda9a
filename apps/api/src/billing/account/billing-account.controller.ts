import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems, providerExamples } from '../common/api-docs';
import { CachedQueryDto, SNAPSHOT_AGE_DOC, snapshotAge } from '../common/cached-read';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/request-params';
import { BILLING_ACCOUNT_EXAMPLES } from '../openapi-examples';
import { BillingAccountDto, UpdateBillingDetailsDto } from './billing-account.dto';
import { BillingAccountService } from './billing-account.service';

@ApiTags('Billing: account')
@TenantAuth()
@Controller('v1/billing-account')
export class BillingAccountController {
  constructor(private readonly service: BillingAccountService) {}

  @Get()
  @ApiOperation({
    summary: 'Get the billing account',
    description:
      'Supported by Stripe, Qovery, Prefect Cloud and Ampersand (which needs `orgId` on the connection).',
  })
  @ApiOkResponse({
    type: BillingAccountDto,
    examples: providerExamples(BILLING_ACCOUNT_EXAMPLES),
    headers: SNAPSHOT_AGE_DOC,
  })
  @ApiBillingProblems(409, 422)
  getBillingAccount(
    @CurrentTenant() tenant: TenantPrincipal,
    @Query() query: CachedQueryDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<BillingAccountDto> {
    return query.cached
      ? this.service.cached(tenant.tenantId, query.connectionId, snapshotAge(response))
      : this.service.get(tenant.tenantId, query.connectionId);
  }

  @Put('details')
  @ApiOperation({
    summary: 'Replace the billing contact and address',
    description: 'Supported by Qovery. Returns the updated billing account.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({
    type: BillingAccountDto,
    examples: providerExamples({ qovery: BILLING_ACCOUNT_EXAMPLES.qovery }),
  })
  @ApiBillingProblems(422)
  updateBillingDetails(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() dto: UpdateBillingDetailsDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<BillingAccountDto> {
    return this.service.updateDetails(tenant.tenantId, dto, idempotencyKey);
  }
}
