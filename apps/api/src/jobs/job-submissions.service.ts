import { Injectable } from '@nestjs/common';
import type { Job } from '@prisma/client';
import { AppConfig } from '@app/config';
import { GatewayError } from '@app/errors';
import { Capability, ConnectionResolver } from '@app/providers';
import { JobEnqueuer, type JobInputs, type JobType } from '@app/queue';
import type {
  InvoiceDownloadRequestDto,
  InvoiceExportRequestDto,
  UsageReportRequestDto,
} from './job-requests.dto';

const DAY_MS = 86_400_000;

/**
 * Accepts job-creating requests. Everything that can be checked without the provider is checked
 * before a job exists: the connection (404), the provider's support for the operation (501) and
 * the input (400); only then is the job enqueued.
 */
@Injectable()
export class JobSubmissions {
  constructor(
    private readonly enqueuer: JobEnqueuer,
    private readonly resolver: ConnectionResolver,
    private readonly config: AppConfig,
  ) {}

  invoiceDownload(
    tenantId: string,
    invoiceId: string,
    body: InvoiceDownloadRequestDto,
    idempotencyKey?: string,
  ) {
    return this.submit(tenantId, 'invoice_download', { invoiceId, body }, idempotencyKey, body.connectionId, {
      capabilities: [Capability.GetInvoicePdfLink],
      input: { invoiceId },
    });
  }

  invoiceExport(tenantId: string, body: InvoiceExportRequestDto, idempotencyKey?: string) {
    const invoiceIds = body.invoiceIds ?? null;
    return this.submit(tenantId, 'invoice_export', { body }, idempotencyKey, body.connectionId, {
      // Without explicit ids the worker walks the invoice list, so listing must be supported too.
      capabilities: invoiceIds
        ? [Capability.GetInvoicePdfLink]
        : [Capability.GetInvoicePdfLink, Capability.ListInvoices],
      input: { invoiceIds },
    });
  }

  usageReport(tenantId: string, body: UsageReportRequestDto, idempotencyKey?: string) {
    const from = new Date(body.from);
    const to = new Date(body.to);
    if (from.getTime() >= to.getTime())
      throw GatewayError.validation([{ field: 'to', message: 'to must be after from' }]);
    const maxDays = this.config.USAGE_REPORT_MAX_DAYS;
    if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
      throw GatewayError.validation([
        { field: 'to', message: `the period may span at most ${maxDays} days` },
      ]);
    }
    return this.submit(tenantId, 'usage_report', { body }, idempotencyKey, body.connectionId, {
      capabilities: [Capability.GenerateUsageReport],
      input: { from: from.toISOString(), to: to.toISOString() },
    });
  }

  private submit<T extends JobType>(
    tenantId: string,
    type: T,
    request: Record<string, unknown>,
    idempotencyKey: string | undefined,
    connectionId: string | undefined,
    job: { capabilities: Capability[]; input: JobInputs[T] },
  ): Promise<Job> {
    return this.enqueuer.submit({ tenantId, type, request, idempotencyKey }, async () => {
      const resolved = await this.resolver.resolve(tenantId, connectionId);
      for (const capability of job.capabilities) this.resolver.assertSupports(resolved, capability);
      return { connectionId: resolved.connection.id, input: job.input };
    });
  }
}
