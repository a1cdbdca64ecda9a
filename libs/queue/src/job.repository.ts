import { Injectable } from '@nestjs/common';
import { Job, JobStatus, JobType, Prisma } from '@prisma/client';
import { PrismaService } from '@app/persistence';
import type { StoredArtifact } from './artifacts/artifact-storage';
import type { JobProblem } from './job-problem';

export interface NewJob {
  tenantId: string;
  connectionId: string | null;
  type: JobType;
  input: Prisma.InputJsonObject;
  idempotencyKey?: string;
  requestHash?: string;
}

export interface JobFilter {
  type?: JobType;
  status?: JobStatus;
  /** Keyset pagination, newest first: only ids below this one. */
  before?: string;
}

/** A finished job's artifact: the stored file and the name clients download it under. */
export interface JobArtifact extends StoredArtifact {
  filename: string;
}

const UNFINISHED: JobStatus[] = ['queued', 'running'];

/** Every read and write of Job rows, for the api (create, read) and the worker (lifecycle). */
@Injectable()
export class JobRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(job: NewJob): Promise<Job> {
    return this.prisma.job.create({ data: job });
  }

  /** Tenant-scoped: another tenant's job is indistinguishable from a missing one. */
  findForTenant(tenantId: string, id: string): Promise<Job | null> {
    return this.prisma.job.findFirst({ where: { id, tenantId } });
  }

  findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<Job | null> {
    return this.prisma.job.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
  }

  find(id: string): Promise<Job | null> {
    return this.prisma.job.findUnique({ where: { id } });
  }

  list(tenantId: string, filter: JobFilter, take: number): Promise<Job[]> {
    return this.prisma.job.findMany({
      where: {
        tenantId,
        ...(filter.type ? { type: filter.type } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.before ? { id: { lt: filter.before } } : {}),
      },
      orderBy: { id: 'desc' },
      take,
    });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.job.deleteMany({ where: { id } });
  }

  /** A worker starts (or restarts) the job; counts every start, restarts after a crash included. */
  markRunning(id: string): Promise<Job> {
    return this.prisma.job.update({
      where: { id },
      data: { status: 'running', attempts: { increment: 1 }, startedAt: new Date() },
    });
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.prisma.job.updateMany({ where: { id, status: 'running' }, data: { progress } });
  }

  async markSucceeded(id: string, result: Prisma.InputJsonObject, artifact?: JobArtifact): Promise<void> {
    await this.prisma.job.update({
      where: { id },
      data: {
        status: 'succeeded',
        progress: 100,
        result,
        error: Prisma.DbNull,
        finishedAt: new Date(),
        ...(artifact
          ? {
              artifactKey: artifact.key,
              artifactContentType: artifact.contentType,
              artifactSize: BigInt(artifact.size),
              artifactSha256: artifact.sha256,
              artifactFilename: artifact.filename,
            }
          : {}),
      },
    });
  }

  /** A retryable failure: back to queued until BullMQ's backoff runs it again; the problem says why. */
  async markRetrying(id: string, problem: JobProblem): Promise<void> {
    await this.prisma.job.update({
      where: { id },
      data: { status: 'queued', error: problem as Prisma.InputJsonObject },
    });
  }

  /** Final failure; a no-op for a job already finished (so late or duplicate reports are harmless). */
  async markFailed(id: string, problem: JobProblem): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({
      where: { id, status: { in: UNFINISHED } },
      data: { status: 'failed', error: problem as Prisma.InputJsonObject, finishedAt: new Date() },
    });
    return count > 0;
  }
}
