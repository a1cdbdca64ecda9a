import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant, TenantAuth, type TenantPrincipal } from '@app/auth';
import { ApiProblems } from '@app/errors';
import type { JobInputs } from '@app/queue';
import { IdempotencyKey } from '../billing/common/request-params';
import { UuidParam } from '../common/uuid-param';
import { acceptedJob, JobCreatingRoute } from './accepted-job';
import { AcceptedJobDto } from './job.dto';
import { UsageReportDto, UsageReportRequestDto } from './job-requests.dto';
import { JobSubmissions } from './job-submissions.service';
import { artifactLocation, JobsService } from './jobs.service';

@ApiTags('Jobs')
@TenantAuth()
@Controller('v1/usage-reports')
export class UsageReportsController {
  constructor(
    private readonly submissions: JobSubmissions,
    private readonly jobs: JobsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Generate a usage report for a period (asynchronous)',
    description:
      'The provider generates the report; the gateway copies it before the provider link expires and then ' +
      'deletes it upstream. `from` must be before `to`, at most USAGE_REPORT_MAX_DAYS (366 by default) apart.',
  })
  @JobCreatingRoute()
  async createUsageReport(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() body: UsageReportRequestDto,
    @Res({ passthrough: true }) response: FastifyReply,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AcceptedJobDto> {
    const job = await this.submissions.usageReport(tenant.tenantId, body, idempotencyKey);
    return acceptedJob(this.jobs, job, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a usage report: status and, once done, its download link' })
  @ApiOkResponse({ type: UsageReportDto })
  @ApiProblems(400, 404)
  async getUsageReport(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('id') id: string,
  ): Promise<UsageReportDto> {
    const job = await this.jobs.get(tenant.tenantId, id, 'usage_report');
    const input = job.input as unknown as JobInputs['usage_report'];
    const dto = this.jobs.map(job);
    return {
      id: job.id,
      status: job.status,
      from: input.from,
      to: input.to,
      artifactUrl: dto.artifact ? artifactLocation(job.id) : null,
      job: dto,
    };
  }
}
