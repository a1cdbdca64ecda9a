import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems } from '../common/api-docs';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/request-params';
import { RedeemCreditDto } from './payment-method.dto';
import { PaymentMethodsService } from './payment-methods.service';

@ApiTags('Billing: payment methods')
@TenantAuth()
@Controller('v1/credits')
export class CreditsController {
  constructor(private readonly service: PaymentMethodsService) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Redeem a credit code', description: 'Qovery. 501 otherwise.' })
  @ApiIdempotencyKey()
  @ApiNoContentResponse({ description: 'Redeemed; the credit shows on the next invoice.' })
  @ApiBillingProblems(422)
  redeemCreditCode(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() dto: RedeemCreditDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<void> {
    return this.service.redeemCredit(tenant.tenantId, dto, idempotencyKey);
  }
}
