import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { type Job as BullJob, UnrecoverableError } from 'bullmq';
import { ErrorType, GatewayError } from '@app/errors';
import { describeFailure, JobRepository, type JobType, type QueuedJobData } from '@app/queue';
import type { JobContext, JobHandler } from './job-handler';

/**
 * Runs one BullMQ job through its handler and keeps the Job row in step: running, progress,
 * succeeded with result and artifact, or failed with a problem. Retryable failures go back to
 * BullMQ (which retries with backoff); permanent ones become UnrecoverableError so BullMQ stops.
 * Every outcome is logged once with its duration.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(private readonly jobs: JobRepository) {}

  async run(handler: JobHandler, bullJob: BullJob<QueuedJobData>): Promise<void> {
    const started = Date.now();
    const { jobId } = bullJob.data;
    const existing = await this.jobs.find(jobId);
    if (!existing || existing.status === 'succeeded' || existing.status === 'failed') {
      // Deleted with its tenant, or a finished job delivered again: there is nothing left to do.
      this.logger.warn(
        { jobId, status: existing?.status ?? 'deleted' },
        'Skipping a job that is not pending',
      );
      return;
    }
    const job = await this.jobs.markRunning(jobId);
    const fields = {
      jobId,
      type: job.type,
      tenantId: job.tenantId,
      queue: bullJob.queueName,
      attempt: job.attempts,
    };
    const context: JobContext<JobType> = {
      job,
      input: job.input as never,
      progress: this.progressReporter(bullJob),
    };
    try {
      const outcome = await handler.run(context);
      await this.jobs.markSucceeded(jobId, outcome.result as Prisma.InputJsonObject, outcome.artifact);
      this.logger.log(
        {
          ...fields,
          outcome: 'succeeded',
          durationMs: Date.now() - started,
          artifactBytes: outcome.artifact?.size,
        },
        'Job succeeded',
      );
    } catch (error) {
      const { problem, retryable } = describeFailure(error);
      const final = !retryable || bullJob.attemptsMade + 1 >= (bullJob.opts.attempts ?? 1);
      const logged = { ...fields, durationMs: Date.now() - started, problemType: problem.type, err: error };
      if (!final) {
        await this.jobs.markRetrying(jobId, problem);
        this.logger.warn({ ...logged, outcome: 'retrying' }, 'Job attempt failed; it will be retried');
        throw error;
      }
      await this.jobs.markFailed(jobId, problem);
      this.logger.error({ ...logged, outcome: 'failed', retryable }, 'Job failed');
      throw retryable ? error : new UnrecoverableError(problem.detail);
    }
  }

  /**
   * BullMQ fails some jobs without running them, e.g. one whose workers kept dying (stalled more
   * often than allowed). Record those on the row; for jobs the runner already finished this is a no-op.
   */
  async recordFailure(bullJob: BullJob<QueuedJobData> | undefined, error: Error): Promise<void> {
    if (!bullJob?.finishedOn) return; // a retry is scheduled
    const { problem } = describeFailure(
      error instanceof GatewayError
        ? error
        : new GatewayError(ErrorType.Internal, `The job was abandoned: ${error.message}.`),
    );
    if (await this.jobs.markFailed(bullJob.data.jobId, problem)) {
      this.logger.error(
        { jobId: bullJob.data.jobId, queue: bullJob.queueName, outcome: 'failed', reason: error.message },
        'Job failed without running',
      );
    }
  }

  /** Reports are chained so concurrent reporters (bulk exports) can never write an older value last. */
  private progressReporter(bullJob: BullJob<QueuedJobData>): (percent: number) => Promise<void> {
    let last = -1;
    let chain = Promise.resolve();
    return (percent) => {
      const value = Math.max(0, Math.min(100, Math.floor(percent)));
      if (value <= last) return chain;
      last = value;
      chain = chain.then(async () => {
        await Promise.all([bullJob.updateProgress(value), this.jobs.setProgress(bullJob.data.jobId, value)]);
      });
      return chain;
    };
  }
}
