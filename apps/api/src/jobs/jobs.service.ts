import { Injectable } from '@nestjs/common';
import type { Job } from '@prisma/client';
import { Signer } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { JobRepository, type JobType } from '@app/queue';
import { IdCursor } from '../common/pagination';
import type { JobDto, JobQueryDto } from './job.dto';

export const jobLocation = (id: string): string => `/v1/jobs/${id}`;
export const artifactLocation = (id: string): string => `${jobLocation(id)}/artifact`;

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** Reads of the tenant's jobs; another tenant's job is "not found", exactly like a missing one. */
@Injectable()
export class JobsService {
  private readonly cursor: IdCursor;

  constructor(
    private readonly jobs: JobRepository,
    signer: Signer,
  ) {
    this.cursor = new IdCursor(signer, 'jobs');
  }

  /** The job, if it belongs to the tenant (and is of `type`, for type-specific routes). */
  async get(tenantId: string, id: string, type?: JobType): Promise<Job> {
    const job = await this.jobs.findForTenant(tenantId, id);
    if (!job || (type && job.type !== type)) throw GatewayError.notFound('Job', id);
    return job;
  }

  /** Newest first. */
  async list(tenantId: string, query: JobQueryDto) {
    const before = this.cursor.decode(query.cursor);
    const rows = await this.jobs.list(
      tenantId,
      { type: query.type, status: query.status, before },
      query.limit + 1,
    );
    return this.cursor.page(rows, query.limit, (row) => this.map(row));
  }

  map(job: Job): JobDto {
    return {
      id: job.id,
      type: job.type,
      status: job.status,
      progress: job.progress,
      attempts: job.attempts,
      connectionId: job.connectionId,
      result: job.result as Record<string, unknown> | null,
      error: job.error as Record<string, unknown> | null,
      artifact:
        job.status === 'succeeded' && job.artifactKey
          ? {
              url: artifactLocation(job.id),
              filename: job.artifactFilename!,
              contentType: job.artifactContentType!,
              size: Number(job.artifactSize),
              sha256: job.artifactSha256!,
            }
          : null,
      createdAt: job.createdAt.toISOString(),
      updatedAt: job.updatedAt.toISOString(),
      startedAt: iso(job.startedAt),
      finishedAt: iso(job.finishedAt),
    };
  }
}
