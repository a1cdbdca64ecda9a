import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems, providerExamples } from '../common/api-docs';
import { ConnectionQueryDto } from '../common/connection-selector.dto';
import {
  ApiIdempotencyKey,
  ApiResourceIdParam,
  IdempotencyKey,
  ResourceIdParam,
} from '../common/request-params';
import { PAYMENT_METHOD_EXAMPLES } from '../openapi-examples';
import { AddPaymentMethodDto, PaymentMethodDto, PaymentMethodListDto } from './payment-method.dto';
import { PaymentMethodsService } from './payment-methods.service';

@ApiTags('Billing: payment methods')
@TenantAuth()
@Controller('v1/payment-methods')
export class PaymentMethodsController {
  constructor(private readonly service: PaymentMethodsService) {}

  @Get()
  @ApiOperation({ summary: 'List payment methods', description: 'Qovery. 501 otherwise.' })
  @ApiOkResponse({
    type: PaymentMethodListDto,
    examples: providerExamples({ qovery: { data: [PAYMENT_METHOD_EXAMPLES.qovery] } }),
  })
  @ApiBillingProblems()
  listPaymentMethods(
    @CurrentTenant() tenant: TenantPrincipal,
    @Query() query: ConnectionQueryDto,
  ): Promise<PaymentMethodListDto> {
    return this.service.list(tenant.tenantId, query.connectionId);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a card',
    description:
      'Qovery. 501 otherwise. The card data is passed straight to the provider; the gateway never stores or logs it.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: PaymentMethodDto, examples: providerExamples(PAYMENT_METHOD_EXAMPLES) })
  @ApiBillingProblems(422)
  addPaymentMethod(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() dto: AddPaymentMethodDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<PaymentMethodDto> {
    return this.service.add(tenant.tenantId, dto, idempotencyKey);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a payment method', description: 'Qovery. 501 otherwise.' })
  @ApiResourceIdParam('id', 'Payment method id at the provider.', {
    qovery: 'a3c1e5f7-9b2d-4f6a-8c0e-1a2b3c4d5e6f',
  })
  @ApiIdempotencyKey()
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiBillingProblems(422)
  deletePaymentMethod(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') id: string,
    @Query() query: ConnectionQueryDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<void> {
    return this.service.remove(tenant.tenantId, id, query.connectionId, idempotencyKey);
  }
}
