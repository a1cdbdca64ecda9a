import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import {
  Capability,
  ConnectionResolver,
  ProviderId,
  type ResolvedConnection,
  type UsageReportLink,
} from '@app/providers';
import { ArtifactStorage, type StoredArtifact } from '@app/queue';
import { RemoteFiles } from '../downloads/remote-files';
import { artifactKey } from '../invoices/invoice-pdfs';
import { jobConnection } from '../runner/job-connection';
import { JobHandler, type JobContext, type JobOutcome } from '../runner/job-handler';

/** The API origin each provider is configured with: where its own URLs may legitimately point. */
const apiBaseUrl = (config: AppConfig): Record<ProviderId, string> => ({
  stripe: config.STRIPE_API_BASE_URL,
  qovery: config.QOVERY_API_BASE_URL,
  prefect: config.PREFECT_API_BASE_URL,
  ampersand: config.AMPERSAND_API_BASE_URL,
});

const EXTENSIONS: Record<string, string> = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
};

/**
 * usage_report: asks the provider to generate a report, copies it into artifact storage at once
 * (the provider's URL expires after USAGE_REPORT_URL_TTL_S), then deletes it upstream when the
 * provider offers a delete URL, whether or not the copy succeeded (a retry generates a new one).
 */
@Injectable()
export class UsageReportHandler extends JobHandler<'usage_report'> {
  readonly type = 'usage_report' as const;
  private readonly logger = new Logger(UsageReportHandler.name);

  constructor(
    private readonly resolver: ConnectionResolver,
    private readonly remote: RemoteFiles,
    private readonly storage: ArtifactStorage,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run({ job, input, progress }: JobContext<'usage_report'>): Promise<JobOutcome> {
    const resolved = await jobConnection(this.resolver, job, Capability.GenerateUsageReport);
    const { adapter, call } = resolved;
    const report = await adapter.generateUsageReport!(call, {
      ...input,
      expiresInSeconds: this.config.USAGE_REPORT_URL_TTL_S,
    });
    await progress(30);
    let stored: StoredArtifact;
    let reportDeleted: boolean;
    try {
      stored = await this.remote.download(adapter.id, report.url, (file) =>
        this.storage.write(artifactKey(job, 'usage-report'), file.body, {
          declaredContentType: file.contentType,
          maxBytes: this.config.DOWNLOAD_MAX_BYTES,
        }),
      );
    } finally {
      reportDeleted = await this.deleteUpstream(resolved, report, job.id);
    }
    const extension = EXTENSIONS[stored.contentType.split(';')[0]!.trim()] ?? 'bin';
    return {
      result: { from: input.from, to: input.to, provider: adapter.id, reportDeleted },
      artifact: {
        ...stored,
        filename: `usage-report-${input.from.slice(0, 10)}_${input.to.slice(0, 10)}.${extension}`,
      },
    };
  }

  /** Best effort: a report left upstream expires on its own, so a failed delete fails nothing. */
  private async deleteUpstream(
    { adapter }: ResolvedConnection,
    report: UsageReportLink,
    jobId: string,
  ): Promise<boolean> {
    if (!report.deleteUrl) return false;
    try {
      const allowedOrigins = [
        new URL(apiBaseUrl(this.config)[adapter.id]).origin,
        new URL(report.url).origin,
      ];
      await this.remote.delete(adapter.id, report.deleteUrl, allowedOrigins);
      return true;
    } catch (err) {
      this.logger.warn({ err, jobId, provider: adapter.id }, 'Could not delete the usage report upstream');
      return false;
    }
  }
}
