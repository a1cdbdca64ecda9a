import type { Job } from '@prisma/client';
import type { JobArtifact, JobInputs, JobType } from '@app/queue';

export interface JobContext<T extends JobType> {
  /** The Job row, as marked running for this attempt. */
  job: Job;
  input: JobInputs[T];
  /** Reports 0-100 to Bull Board and the Job row; values below the last report are ignored. */
  progress(percent: number): Promise<void>;
}

export interface JobOutcome {
  result: Record<string, unknown>;
  artifact?: JobArtifact;
}

/**
 * Does the work of one job type. Handlers throw GatewayErrors for failures; whether a failure is
 * retried is decided by the runner from the error (see describeFailure in libs/queue).
 */
export abstract class JobHandler<T extends JobType = JobType> {
  abstract readonly type: T;
  abstract run(context: JobContext<T>): Promise<JobOutcome>;
}

/** Multi-provider token: every handler of the worker. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
