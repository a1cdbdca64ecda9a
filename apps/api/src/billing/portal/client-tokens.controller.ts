import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientTokenCodec, CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { ClientTokenDto, CreateClientTokenDto } from './portal-session.dto';

@ApiTags('Billing: portal')
@TenantAuth()
@Controller('v1/client-tokens')
export class ClientTokensController {
  constructor(private readonly tokens: ClientTokenCodec) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a short-lived client token for a browser',
    description:
      'Lets a frontend open the billing portal without holding the API key. Requires the API key itself ' +
      '(a client token cannot mint another). Signed, not stored: revoking the issuing key revokes its tokens.',
  })
  @ApiCreatedResponse({ type: ClientTokenDto })
  @ApiProblems(400)
  createClientToken(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() dto: CreateClientTokenDto,
  ): ClientTokenDto {
    const { token, expiresAt } = this.tokens.issue(
      { tenantId: tenant.tenantId, apiKeyId: tenant.apiKeyId, scope: dto.scope },
      dto.ttlSeconds,
    );
    return { token, scope: dto.scope, expiresAt: expiresAt.toISOString() };
  }
}
