import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminAuth } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { pageOf, PageQueryDto } from '../common/pagination';
import { AuditActor } from '../common/request-context';
import { UuidParam } from '../common/uuid-param';
import { Actor, TenantsService } from './tenants.service';
import { CreateTenantDto, TenantDto, UpdateTenantDto } from './tenant.dto';

const TenantPage = pageOf(TenantDto);

@ApiTags('Admin: tenants')
@AdminAuth()
@Controller('admin/tenants')
export class TenantsController {
  constructor(private readonly service: TenantsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a tenant' })
  @ApiCreatedResponse({ type: TenantDto })
  @ApiProblems(400, 409)
  createTenant(@Body() dto: CreateTenantDto, @AuditActor() by: Actor): Promise<TenantDto> {
    return this.service.create(dto, by);
  }

  @Get()
  @ApiOperation({ summary: 'List tenants (cursor pagination, oldest first)' })
  @ApiOkResponse({ type: TenantPage })
  @ApiProblems(400)
  listTenants(@Query() query: PageQueryDto) {
    return this.service.list(query);
  }

  @Get(':tenantId')
  @ApiOperation({ summary: 'Get a tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblems(400, 404)
  getTenant(@UuidParam('tenantId') tenantId: string): Promise<TenantDto> {
    return this.service.get(tenantId);
  }

  @Patch(':tenantId')
  @ApiOperation({ summary: 'Update a tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblems(400, 404, 409)
  updateTenant(
    @UuidParam('tenantId') tenantId: string,
    @Body() dto: UpdateTenantDto,
    @AuditActor() by: Actor,
  ): Promise<TenantDto> {
    return this.service.update(tenantId, dto, by);
  }

  @Delete(':tenantId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a tenant with its API keys and connections' })
  @ApiNoContentResponse({ description: 'Deleted; its API keys stop working at once.' })
  @ApiProblems(400, 404)
  deleteTenant(@UuidParam('tenantId') tenantId: string, @AuditActor() by: Actor): Promise<void> {
    return this.service.remove(tenantId, by);
  }
}
