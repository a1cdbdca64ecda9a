import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfigModule } from '@app/config';
import { CryptoModule } from '@app/crypto';
import { ProblemFilter } from '@app/errors';
import { HealthModule, LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { ProvidersModule } from '@app/providers';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { RemoteFiles } from './downloads/remote-files';
import { InvoiceDownloadHandler } from './invoices/invoice-download.handler';
import { InvoiceExportHandler } from './invoices/invoice-export.handler';
import { InvoicePdfs } from './invoices/invoice-pdfs';
import { UsageReportHandler } from './reports/usage-report.handler';
import { JOB_HANDLERS, type JobHandler } from './runner/job-handler';
import { JobRunner } from './runner/job-runner';
import { QueueMetrics } from './runner/queue-metrics';
import { QueueWorkers } from './runner/queue-workers';

/** One handler per job type; a new type (e.g. polling) adds its handler here. */
const HANDLERS = [InvoiceDownloadHandler, InvoiceExportHandler, UsageReportHandler];

/**
 * The worker process: runs the jobs the api enqueues. Its only HTTP routes are the health probes
 * (on WORKER_PORT), so orchestrators can check it like the api.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    PersistenceModule,
    RedisModule,
    CryptoModule,
    ProvidersModule,
    QueueModule,
    HealthModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    RemoteFiles,
    InvoicePdfs,
    ...HANDLERS,
    { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers },
    JobRunner,
    QueueWorkers,
    QueueMetrics,
  ],
})
export class WorkerModule {}
