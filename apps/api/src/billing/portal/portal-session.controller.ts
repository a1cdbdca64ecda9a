import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowClientToken, CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems, providerExamples } from '../common/api-docs';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/request-params';
import { PORTAL_SESSION_EXAMPLES } from '../openapi-examples';
import { PORTAL_SESSION_PATH } from './portal-cors';
import { CreatePortalSessionDto, PortalSessionDto } from './portal-session.dto';
import { PortalSessionService } from './portal-session.service';

@ApiTags('Billing: portal')
@TenantAuth()
@Controller(PORTAL_SESSION_PATH)
export class PortalSessionController {
  constructor(private readonly service: PortalSessionService) {}

  @Post()
  @AllowClientToken('portal-session')
  @ApiOperation({
    summary: "Open the provider's billing portal",
    description:
      'Returns the URL to redirect the customer to, whatever the provider (Stripe, Prefect Cloud, Ampersand; ' +
      'Qovery has no portal: 501). Takes a tenant API key or a client token (POST /v1/client-tokens), so a ' +
      "browser can call it directly: CORS is answered for the tenants' `allowedReturnOrigins`.",
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: PortalSessionDto, examples: providerExamples(PORTAL_SESSION_EXAMPLES) })
  @ApiBillingProblems(422)
  createPortalSession(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() dto: CreatePortalSessionDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<PortalSessionDto> {
    return this.service.create(tenant, dto, idempotencyKey);
  }
}
