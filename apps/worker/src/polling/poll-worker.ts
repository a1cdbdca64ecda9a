import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { connectionErrorLogger, POLL_QUEUE, type PollJobData } from '@app/queue';
import { workerOptions } from '../runner/queue-workers';
import { ConnectionPoller, type PollOutcome } from './connection-poller';

/**
 * Runs polls (scheduled and requested) with POLL_CONCURRENCY per process. Polls bypass JobRunner:
 * they have no Job row to keep in step (see libs/queue polling-types). Shutdown lets running polls
 * finish, like the job workers.
 */
@Injectable()
export class PollWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PollWorker.name);
  private worker?: Worker<PollJobData, PollOutcome>;

  constructor(
    private readonly poller: ConnectionPoller,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<PollJobData, PollOutcome>(
      POLL_QUEUE,
      (job) => this.poller.poll(job.data),
      workerOptions(this.config, this.config.POLL_CONCURRENCY),
    );
    this.worker.on('failed', (job, err) =>
      this.logger.error(
        { err, bullJobId: job?.id, connectionId: job?.data.connectionId },
        'Poll failed to run',
      ),
    );
    this.worker.on('error', connectionErrorLogger(this.logger, POLL_QUEUE));
    this.logger.log({ queue: POLL_QUEUE, concurrency: this.config.POLL_CONCURRENCY }, 'Polling connections');
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }
}
