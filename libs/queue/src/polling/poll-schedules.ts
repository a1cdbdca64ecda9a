import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobSchedulerJson, JobsOptions, Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { AppConfig } from '@app/config';
import { POLL_JOB_NAME, POLL_QUEUE, type PollJobData } from './polling-types';

/** What scheduling needs to know about a connection. */
export interface PolledConnection {
  id: string;
  tenantId: string;
  pollIntervalSeconds: number | null;
}

export type PollScheduler = JobSchedulerJson<PollJobData>;

const DAY_S = 86_400;
/** A missed poll is simply the next one: no retries. Finished scheduled polls leave nothing behind. */
const SCHEDULED: JobsOptions = {
  attempts: 1,
  removeOnComplete: true,
  removeOnFail: { age: DAY_S, count: 1_000 },
};
/** Requested polls stay visible for an hour, so whoever asked can read the outcome. */
const REQUESTED: JobsOptions = {
  attempts: 1,
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: DAY_S, count: 1_000 },
};
/** An admin request must not hang on a Redis outage; reconciliation catches up what was missed. */
const HOOK_TIMEOUT_MS = 2_000;

export const pollSchedulerId = (connectionId: string): string => `poll-${connectionId}`;

/**
 * The connection's fixed place within its interval (1 … every-1 ms): BullMQ runs an `every`
 * scheduler at floor(now / every) * every + offset, so connections with the same interval are
 * spread evenly over it instead of all firing on the boundary, and a connection keeps its slot
 * across restarts and re-creations of its scheduler (a random start would not).
 */
export function jitterOffset(connectionId: string, every: number): number {
  const hash = createHash('sha256').update(connectionId).digest().readUIntBE(0, 6);
  return 1 + (hash % (every - 1));
}

/**
 * One BullMQ job scheduler per connection on the poll queue. The api keeps them in step with the
 * connections (create, interval change, delete); the worker reconciles them with the database at
 * start-up and periodically, which heals any hook that did not run (Redis down, tenant deletion).
 */
@Injectable()
export class PollSchedules {
  private readonly logger = new Logger(PollSchedules.name);

  constructor(
    @InjectQueue(POLL_QUEUE) private readonly queue: Queue<PollJobData>,
    private readonly config: AppConfig,
  ) {}

  intervalMs(connection: PolledConnection): number {
    return connection.pollIntervalSeconds
      ? connection.pollIntervalSeconds * 1_000
      : this.config.POLL_INTERVAL_MS;
  }

  /** Creates the schedule, or moves it to the connection's current interval; idempotent. */
  async upsert(connection: PolledConnection): Promise<void> {
    const every = this.intervalMs(connection);
    await this.queue.upsertJobScheduler(
      pollSchedulerId(connection.id),
      { every, offset: jitterOffset(connection.id, every) },
      { name: POLL_JOB_NAME, data: dataOf(connection), opts: SCHEDULED },
    );
  }

  async remove(connectionId: string): Promise<boolean> {
    return this.queue.removeJobScheduler(pollSchedulerId(connectionId));
  }

  /** True when the scheduler runs at the connection's interval and offset (nothing to update). */
  isCurrent(scheduler: PollScheduler, connection: PolledConnection): boolean {
    const every = this.intervalMs(connection);
    return scheduler.every === every && scheduler.offset === jitterOffset(connection.id, every);
  }

  get(connectionId: string): Promise<PollScheduler | undefined> {
    return this.queue.getJobScheduler(pollSchedulerId(connectionId));
  }

  /** Every poll schedule, by connection id (one read: paging would drift, the set is ordered by next run). */
  async all(): Promise<Map<string, PollScheduler>> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return new Map(
      schedulers
        .filter((scheduler) => scheduler.key.startsWith(pollSchedulerId('')))
        .map((scheduler) => [scheduler.key.slice(pollSchedulerId('').length), scheduler]),
    );
  }

  /** A poll now, besides the schedule (admin request, new connection); returns the BullMQ job id. */
  async requestPoll(connection: Omit<PolledConnection, 'pollIntervalSeconds'>): Promise<string> {
    const job = await this.queue.add(POLL_JOB_NAME, dataOf(connection), REQUESTED);
    return job.id!;
  }

  /**
   * For the admin hooks, which run after the database commit: the database is the source of
   * truth, so a queue failure is logged rather than failing a change that already happened.
   */
  async bestEffort(action: string, connectionId: string, run: () => Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${HOOK_TIMEOUT_MS} ms`)), HOOK_TIMEOUT_MS);
    });
    try {
      await Promise.race([run(), timeout]);
    } catch (err) {
      this.logger.warn(
        { err, action, connectionId },
        'Poll schedule not updated; the worker will reconcile it',
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

const dataOf = (connection: { id: string; tenantId: string }): PollJobData => ({
  tenantId: connection.tenantId,
  connectionId: connection.id,
});
