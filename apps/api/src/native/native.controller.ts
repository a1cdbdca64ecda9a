import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantAuth, type TenantPrincipal } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { ApiIdempotencyKey, IdempotencyKey } from '../billing/common/request-params';
import { UuidParam } from '../common/uuid-param';
import { NativeCallDto, NativeCallResultDto, NativeOperationDto } from './native.dto';
import { NativeService } from './native.service';

@ApiTags('Native operations')
@TenantAuth()
@Controller('v1')
export class NativeController {
  constructor(private readonly service: NativeService) {}

  @Get('native/operations')
  @ApiOperation({
    summary: "List the providers' own operations available on your connections",
    description: 'Everything a provider offers beyond the normalized API, by its OpenAPI operationId.',
  })
  @ApiOkResponse({ type: [NativeOperationDto] })
  listNativeOperations(@CurrentTenant() tenant: TenantPrincipal): Promise<NativeOperationDto[]> {
    return this.service.listOperations(tenant.tenantId);
  }

  @Post('connections/:connectionId/native/:operationId')
  @HttpCode(200)
  @ApiOperation({
    summary: "Call one of a provider's catalogued operations on your connection",
    description:
      'Input is validated against the provider spec before anything is sent (400 naming the field). Path ' +
      'parameters that identify your account at the provider come from the connection. Only catalogued ' +
      'operations can be called.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: NativeCallResultDto })
  @ApiProblems(400, 404, 422, 429, 502, 504)
  callNativeOperation(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('connectionId') connectionId: string,
    @Param('operationId') operationId: string,
    @Body() input: NativeCallDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<NativeCallResultDto> {
    return this.service.call(tenant.tenantId, connectionId, operationId, input, idempotencyKey);
  }
}
