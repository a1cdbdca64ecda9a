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
import { ConnectionPoller } from './polling/connection-poller';
import { PollDatabase } from './polling/poll-database';
import { PollStateStore } from './polling/poll-state-store';
import { PollWorker } from './polling/poll-worker';
import { ResourceReader } from './polling/resource-reader';
import { ScheduleReconciler } from './polling/schedule-reconciler';
import { SnapshotWriter } from './polling/snapshot-writer';
import { UsageReportHandler } from './reports/usage-report.handler';
import { JOB_HANDLERS, type JobHandler } from './runner/job-handler';
import { JobRunner } from './runner/job-runner';
import { QueueMetrics } from './runner/queue-metrics';
import { QueueWorkers } from './runner/queue-workers';

/** One handler per job type; a new type adds its handler here. */
const HANDLERS = [InvoiceDownloadHandler, InvoiceExportHandler, UsageReportHandler];

/** Polling of every connection on its schedule (no Job rows: see libs/queue polling-types). */
const POLLING = [
  PollDatabase,
  PollStateStore,
  ResourceReader,
  SnapshotWriter,
  ConnectionPoller,
  PollWorker,
  ScheduleReconciler,
];

/**
 * The worker process: runs the jobs the api enqueues and polls the connections. Its only HTTP routes are the health probes
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
    ...POLLING,
  ],
})
export class WorkerModule {}
