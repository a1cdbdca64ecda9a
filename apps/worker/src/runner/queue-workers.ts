import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker, type WorkerOptions } from 'bullmq';
import { hostname } from 'node:os';
import { AppConfig } from '@app/config';
import { connectionErrorLogger, QUEUE_NAMES, type QueuedJobData } from '@app/queue';
import { JOB_HANDLERS, type JobHandler } from './job-handler';
import { JobRunner } from './job-runner';

/** Options of every BullMQ Worker of this process (job handlers and polls); see QueueWorkers. */
export const workerOptions = (config: AppConfig, concurrency: number): WorkerOptions => ({
  connection: { url: config.REDIS_URL },
  prefix: config.QUEUE_PREFIX,
  name: `${hostname()}:${process.pid}`,
  concurrency,
  lockDuration: config.WORKER_LOCK_DURATION_MS,
  stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
  maxStalledCount: 1,
});

/**
 * One BullMQ Worker per job handler. Workers are built here rather than with @Processor because
 * their concurrency, lock and stalled-job settings come from AppConfig at run time, which static
 * decorator options cannot express.
 *
 * A worker holds a lock on each running job and renews it every WORKER_LOCK_DURATION_MS / 2; if the
 * process dies (SIGKILL, crash, lost host), the lock expires and another worker's stalled-job check
 * (every WORKER_STALLED_INTERVAL_MS) puts the job back in the queue. A job whose workers died more
 * than once is failed rather than retried forever.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker<QueuedJobData>[] = [];

  constructor(
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandler[],
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const handler of this.handlers) {
      const worker = new Worker<QueuedJobData>(
        QUEUE_NAMES[handler.type],
        (job) => this.runner.run(handler, job),
        workerOptions(this.config, this.config.WORKER_CONCURRENCY),
      );
      worker.on(
        'failed',
        (job, error) =>
          void this.runner
            .recordFailure(job, error)
            .catch((err: unknown) => this.logger.error({ err }, 'Could not record a failed job')),
      );
      worker.on('stalled', (jobId) =>
        this.logger.warn({ bullJobId: jobId, queue: worker.name }, 'Stalled job requeued'),
      );
      worker.on('error', connectionErrorLogger(this.logger, worker.name));
      this.workers.push(worker);
    }
    this.logger.log(
      { queues: this.workers.map((worker) => worker.name), concurrency: this.config.WORKER_CONCURRENCY },
      'Processing jobs',
    );
  }

  /**
   * Runs first on shutdown (before the database and Redis clients close): stop taking jobs and
   * let the running ones finish, so SIGTERM during a deploy loses no work.
   */
  async onModuleDestroy(): Promise<void> {
    this.logger.log(
      { queues: this.workers.map((worker) => worker.name) },
      'Stopping: finishing running jobs',
    );
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.logger.log('All running jobs finished');
  }
}
