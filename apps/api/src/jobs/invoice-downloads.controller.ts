import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant, TenantAuth, type TenantPrincipal } from '@app/auth';
import { ApiResourceIdParam, IdempotencyKey, ResourceIdParam } from '../billing/common/request-params';
import { acceptedJob, JobCreatingRoute } from './accepted-job';
import { AcceptedJobDto } from './job.dto';
import { InvoiceDownloadRequestDto, InvoiceExportRequestDto } from './job-requests.dto';
import { JobSubmissions } from './job-submissions.service';
import { JobsService } from './jobs.service';

@ApiTags('Jobs')
@TenantAuth()
@Controller('v1')
export class InvoiceDownloadsController {
  constructor(
    private readonly submissions: JobSubmissions,
    private readonly jobs: JobsService,
  ) {}

  @Post('invoices/:id/download')
  @ApiOperation({
    summary: "Copy an invoice's PDF into the gateway (asynchronous)",
    description:
      "Starts a job that fetches the PDF from the provider; download it from the job's artifact link once " +
      'the job succeeded. 501 at once when the provider has no invoice PDFs.',
  })
  @ApiResourceIdParam('id', 'Invoice id at the provider.', {
    stripe: 'in_1NqK2bLkdIwHu7ix',
    qovery: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  @JobCreatingRoute()
  async createInvoicePdfDownload(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') invoiceId: string,
    @Body() body: InvoiceDownloadRequestDto,
    @Res({ passthrough: true }) response: FastifyReply,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AcceptedJobDto> {
    const job = await this.submissions.invoiceDownload(tenant.tenantId, invoiceId, body, idempotencyKey);
    return acceptedJob(this.jobs, job, response);
  }

  @Post('invoice-downloads')
  @ApiOperation({
    summary: 'Export invoice PDFs as one ZIP file (asynchronous)',
    description:
      'The listed invoices, or every invoice of the connection. An invoice whose PDF cannot be fetched is ' +
      "listed in the job's result (`failed`, with its problem) instead of failing the export.",
  })
  @JobCreatingRoute()
  async createInvoiceExport(
    @CurrentTenant() tenant: TenantPrincipal,
    @Body() body: InvoiceExportRequestDto,
    @Res({ passthrough: true }) response: FastifyReply,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AcceptedJobDto> {
    const job = await this.submissions.invoiceExport(tenant.tenantId, body, idempotencyKey);
    return acceptedJob(this.jobs, job, response);
  }
}
