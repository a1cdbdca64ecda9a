import type { JobStatus, JobType } from '@prisma/client';
import { $Enums } from '@prisma/client';

export { JobStatus, JobType };
export const JOB_TYPES = Object.values($Enums.JobType) as JobType[];
export const JOB_STATUSES = Object.values($Enums.JobStatus) as JobStatus[];

/**
 * One BullMQ queue per job type, so each kind of work has its own concurrency, its own line in Bull
 * Board and cannot starve the others. A new job type adds an enum value in prisma/schema.prisma, a
 * queue name here and a handler in apps/worker. (Polling is the exception, with no Job rows: see
 * polling/polling-types.ts.)
 */
export const QUEUE_NAMES: Record<JobType, string> = {
  invoice_download: 'invoice-downloads',
  invoice_export: 'invoice-exports',
  usage_report: 'usage-reports',
};

/** What each job type needs to run; stored on the Job row (`input`), the single source of truth. */
export interface JobInputs {
  invoice_download: { invoiceId: string };
  /** null: every invoice of the connection. */
  invoice_export: { invoiceIds: string[] | null };
  usage_report: { from: string; to: string };
}

/** The BullMQ job data: only identifiers; everything else is read from the Job row. */
export interface QueuedJobData {
  jobId: string;
  tenantId: string;
}
