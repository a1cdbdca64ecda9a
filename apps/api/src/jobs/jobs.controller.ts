import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentTenant, TenantAuth, type TenantPrincipal } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { UuidParam } from '../common/uuid-param';
import { ArtifactResponder } from './artifact-responder';
import { JobDto, JobPage, JobQueryDto } from './job.dto';
import { JobsService } from './jobs.service';

@ApiTags('Jobs')
@TenantAuth()
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly artifacts: ArtifactResponder,
  ) {}

  @Get()
  @ApiOperation({ summary: "List the tenant's jobs (newest first)" })
  @ApiOkResponse({ type: JobPage })
  @ApiProblems(400)
  listJobs(@CurrentTenant() tenant: TenantPrincipal, @Query() query: JobQueryDto) {
    return this.jobs.list(tenant.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a job: status, progress, result or problem, artifact link' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(400, 404)
  async getJob(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('id') id: string): Promise<JobDto> {
    return this.jobs.map(await this.jobs.get(tenant.tenantId, id));
  }

  @Get(':id/artifact')
  @ApiOperation({
    summary: "Download a job's file (PDF, ZIP, report)",
    description:
      'Streams the file with Content-Disposition, Content-Length and ETag (its SHA-256). Supports ' +
      'If-None-Match (304) and a single byte range (`Range: bytes=0-1023` → 206 with Content-Range; a ' +
      'range outside the file → 416). 409 while the job is still queued or running.',
  })
  @ApiProduces('application/pdf', 'application/zip', 'text/csv', 'application/octet-stream')
  @ApiOkResponse({ description: 'The whole file.', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({
    status: 206,
    description: 'The requested byte range.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag).' })
  @ApiProblems(400, 404, 409, 416)
  async getJobArtifact(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    await this.artifacts.send(await this.jobs.get(tenant.tenantId, id), request, response);
  }
}
