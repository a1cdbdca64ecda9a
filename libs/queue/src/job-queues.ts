import { Logger, type Provider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { connectionErrorLogger } from './connection-errors';
import { JOB_TYPES, type JobType, QUEUE_NAMES } from './job-types';
import { POLL_QUEUE } from './polling/polling-types';

const HOUR_S = 3_600;

/** The BullMQ queue of each job type, with the options every job is added with. */
export class JobQueues {
  constructor(
    private readonly queues: Map<JobType, Queue>,
    private readonly pollQueue: Queue,
    private readonly config: AppConfig,
  ) {}

  get(type: JobType): Queue {
    return this.queues.get(type)!;
  }

  /** The poll queue (see PollSchedules), which has no Job rows and thus no JobType. */
  poll(): Queue {
    return this.pollQueue;
  }

  /** Every queue, the poll queue included (metrics, dashboards, tests' clean-up). */
  all(): Queue[] {
    return [...this.queues.values(), this.pollQueue];
  }

  /**
   * Retryable failures get JOB_ATTEMPTS attempts with exponential backoff (jittered, so jobs that
   * failed together do not retry together). BullMQ keeps finished jobs only for a while: the Job
   * row is the lasting record, Redis keeps just enough for Bull Board and for idempotent re-adds.
   */
  jobOptions(): JobsOptions {
    return {
      attempts: this.config.JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS, jitter: 0.5 },
      removeOnComplete: { age: 24 * HOUR_S },
      removeOnFail: { age: 7 * 24 * HOUR_S },
    };
  }
}

export const jobQueuesProvider: Provider = {
  provide: JobQueues,
  inject: [
    AppConfig,
    getQueueToken(POLL_QUEUE),
    ...JOB_TYPES.map((type) => getQueueToken(QUEUE_NAMES[type])),
  ],
  useFactory: (config: AppConfig, pollQueue: Queue, ...queues: Queue[]) => {
    const logger = new Logger(JobQueues.name);
    for (const queue of [...queues, pollQueue]) queue.on('error', connectionErrorLogger(logger, queue.name));
    return new JobQueues(new Map(JOB_TYPES.map((type, index) => [type, queues[index]!])), pollQueue, config);
  },
};
