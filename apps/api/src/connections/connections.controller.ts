import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
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
import {
  CONNECTION_SCHEMA_MODELS,
  ConnectionDto,
  CreateConnectionDto,
  UpdateConnectionDto,
} from './connection.dto';
import { ConnectionsService } from './connections.service';

@ApiTags('Admin: provider connections')
@ApiExtraModels(...CONNECTION_SCHEMA_MODELS)
@AdminAuth()
@Controller('admin/tenants/:tenantId/connections')
export class ConnectionsController {
  constructor(private readonly service: ConnectionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Connect a billing provider',
    description:
      'Credentials are validated, encrypted with AES-256-GCM and never returned; the response masks them.',
  })
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiProblems(400, 404, 409)
  createConnection(
    @UuidParam('tenantId') tenantId: string,
    @Body() dto: CreateConnectionDto,
    @AuditActor() by: Actor,
  ): Promise<ConnectionDto> {
    return this.service.create(tenantId, dto, by);
  }

  @Get()
  @ApiOperation({ summary: "List a tenant's provider connections" })
  @ApiOkResponse({ type: [ConnectionDto] })
  @ApiProblems(400, 404)
  listConnections(@UuidParam('tenantId') tenantId: string): Promise<ConnectionDto[]> {
    return this.service.list(tenantId);
  }

  @Get(':connectionId')
  @ApiOperation({ summary: 'Get a provider connection' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiProblems(400, 404)
  getConnection(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('connectionId') connectionId: string,
  ): Promise<ConnectionDto> {
    return this.service.get(tenantId, connectionId);
  }

  @Patch(':connectionId')
  @ApiOperation({ summary: 'Rename, change account/settings, rotate credentials or make primary' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiProblems(400, 404, 409)
  updateConnection(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('connectionId') connectionId: string,
    @Body() dto: UpdateConnectionDto,
    @AuditActor() by: Actor,
  ): Promise<ConnectionDto> {
    return this.service.update(tenantId, connectionId, dto, by);
  }

  @Delete(':connectionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a provider connection' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 404)
  deleteConnection(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('connectionId') connectionId: string,
    @AuditActor() by: Actor,
  ): Promise<void> {
    return this.service.remove(tenantId, connectionId, by);
  }
}
