import { Injectable } from '@nestjs/common';
import type { Job, Prisma } from '@prisma/client';
import { sha256Hex } from '@app/crypto';
import { ErrorType, GatewayError } from '@app/errors';
import { isUniqueViolation } from '@app/persistence';
import { JobRepository } from './job.repository';
import { JobQueues } from './job-queues';
import type { JobInputs, JobType, QueuedJobData } from './job-types';

export interface JobSubmission<T extends JobType> {
  tenantId: string;
  type: T;
  /** The request as the client sent it (path parameters and body): same key + same request = same job. */
  request: Record<string, unknown>;
  idempotencyKey?: string;
}

/** Runs only for a new job (never for a replayed key): checks and resolves what the job needs. */
export type JobPreparation<T extends JobType> = () => Promise<{
  connectionId: string | null;
  input: JobInputs[T];
}>;

/** JSON with sorted keys, so the hash does not depend on the order fields were sent in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * Creates jobs for the api: one Job row, one BullMQ job. With an Idempotency-Key the row is unique
 * per (tenant, key) in PostgreSQL and the BullMQ job id is derived from the same pair, so two api
 * processes racing on one key create one row and one BullMQ job, and a replay returns that job.
 */
@Injectable()
export class JobEnqueuer {
  constructor(
    private readonly jobs: JobRepository,
    private readonly queues: JobQueues,
  ) {}

  async submit<T extends JobType>(submission: JobSubmission<T>, prepare: JobPreparation<T>): Promise<Job> {
    const { tenantId, type, idempotencyKey } = submission;
    const requestHash = sha256Hex(canonicalJson({ type, request: submission.request }));
    if (idempotencyKey) {
      const existing = await this.jobs.findByIdempotencyKey(tenantId, idempotencyKey);
      if (existing) return this.replay(existing, requestHash);
    }
    const { connectionId, input } = await prepare();
    let job: Job;
    try {
      job = await this.jobs.create({
        tenantId,
        type,
        connectionId,
        input: input as Prisma.InputJsonObject,
        ...(idempotencyKey ? { idempotencyKey, requestHash } : {}),
      });
    } catch (error) {
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      // Another request with this key won the race between our lookup and our insert.
      return this.replay((await this.jobs.findByIdempotencyKey(tenantId, idempotencyKey))!, requestHash);
    }
    try {
      await this.addToQueue(job);
    } catch (error) {
      // Without its BullMQ job the row would stay queued forever: undo it and let the client retry.
      await this.jobs.delete(job.id);
      throw new GatewayError(ErrorType.ServiceUnavailable, 'The job queue is unavailable; retry later.', {
        extensions: { cause: error instanceof Error ? error.name : 'unknown' },
      });
    }
    return job;
  }

  private async replay(existing: Job, requestHash: string): Promise<Job> {
    if (existing.requestHash !== requestHash) {
      throw GatewayError.conflict(
        'This Idempotency-Key was already used with a different request; use a new key for a new request.',
      );
    }
    // Adding again under the same id is a no-op in BullMQ; it only repairs a job whose first
    // request died between the insert and the enqueue.
    if (existing.status === 'queued') await this.addToQueue(existing);
    return existing;
  }

  private async addToQueue(job: Job): Promise<void> {
    const data: QueuedJobData = { jobId: job.id, tenantId: job.tenantId };
    await this.queues
      .get(job.type)
      .add(job.type, data, { ...this.queues.jobOptions(), jobId: bullJobId(job) });
  }
}

/** Derived from (tenant, Idempotency-Key) when there is one: duplicates can never run twice. */
export function bullJobId(job: Pick<Job, 'id' | 'tenantId' | 'idempotencyKey'>): string {
  return job.idempotencyKey ? `idem-${sha256Hex(`${job.tenantId}\n${job.idempotencyKey}`)}` : job.id;
}
