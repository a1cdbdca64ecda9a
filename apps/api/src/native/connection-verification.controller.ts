import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { UuidParam } from '../common/uuid-param';
import { CredentialCheckDto } from './native.dto';
import { NativeService } from './native.service';

@ApiTags('Admin: provider connections')
@AdminAuth()
@Controller('admin/tenants/:tenantId/connections/:connectionId/verify')
export class ConnectionVerificationController {
  constructor(private readonly service: NativeService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check that a connection’s credentials work',
    description:
      'Makes one cheap read at the provider. Rejected credentials give ok: false; other upstream failures are problems.',
  })
  @ApiOkResponse({ type: CredentialCheckDto })
  @ApiProblems(400, 404, 422, 429, 502, 504)
  verifyConnection(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('connectionId') connectionId: string,
  ): Promise<CredentialCheckDto> {
    return this.service.verify(tenantId, connectionId);
  }
}
