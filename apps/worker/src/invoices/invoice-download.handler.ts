import { Injectable } from '@nestjs/common';
import { JobHandler, type JobContext, type JobOutcome } from '../runner/job-handler';
import { artifactKey, invoiceFileName, InvoicePdfs } from './invoice-pdfs';

/** invoice_download: one invoice's PDF into artifact storage. */
@Injectable()
export class InvoiceDownloadHandler extends JobHandler<'invoice_download'> {
  readonly type = 'invoice_download' as const;

  constructor(private readonly pdfs: InvoicePdfs) {
    super();
  }

  async run({ job, input }: JobContext<'invoice_download'>): Promise<JobOutcome> {
    const resolved = await this.pdfs.connection(job);
    const filename = invoiceFileName(input.invoiceId);
    const stored = await this.pdfs.store(resolved, input.invoiceId, artifactKey(job, filename));
    return {
      result: {
        invoiceId: input.invoiceId,
        provider: resolved.adapter.id,
        connectionId: resolved.connection.id,
      },
      artifact: { ...stored, filename },
    };
  }
}
