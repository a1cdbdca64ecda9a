import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminAuth } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { AuditActor } from '../common/request-context';
import { UuidParam } from '../common/uuid-param';
import { Actor } from '../tenants/tenants.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('Admin: API keys')
@AdminAuth()
@Controller('admin/tenants/:tenantId/api-keys')
export class ApiKeysController {
  constructor(private readonly service: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a tenant API key',
    description: 'The response holds the full secret, once.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 404)
  createApiKey(
    @UuidParam('tenantId') tenantId: string,
    @Body() dto: CreateApiKeyDto,
    @AuditActor() by: Actor,
  ): Promise<CreatedApiKeyDto> {
    return this.service.create(tenantId, dto, by);
  }

  @Get()
  @ApiOperation({ summary: "List a tenant's API keys (never their secrets)" })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiProblems(400, 404)
  listApiKeys(@UuidParam('tenantId') tenantId: string): Promise<ApiKeyDto[]> {
    return this.service.list(tenantId);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key', description: 'The next request with the key gets 401.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems(400, 404)
  revokeApiKey(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('keyId') keyId: string,
    @AuditActor() by: Actor,
  ): Promise<void> {
    return this.service.revoke(tenantId, keyId, by);
  }
}
