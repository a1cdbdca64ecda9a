import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader } from '@nestjs/swagger';
import type { Job } from '@prisma/client';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/errors';
import { AcceptedJobDto } from './job.dto';
import { jobLocation, type JobsService } from './jobs.service';

/** Documentation and status shared by every job-creating route. */
export const JobCreatingRoute = () =>
  applyDecorators(
    HttpCode(202),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes the request safe to retry: the same key with the same request returns the same job (202 ' +
        'again), with a different request it is a 409. Keys are scoped to the tenant.',
      schema: { type: 'string', maxLength: 255 },
    }),
    ApiAcceptedResponse({
      type: AcceptedJobDto,
      description: 'Accepted; `Location` points at the job (`/v1/jobs/{id}`).',
      headers: { Location: { description: 'The job URL.', schema: { type: 'string' } } },
    }),
    ApiProblems(400, 404, 409, 501, 503),
  );

/** 202 body and Location header of an accepted job. */
export function acceptedJob(jobs: JobsService, job: Job, response: FastifyReply): AcceptedJobDto {
  void response.header('Location', jobLocation(job.id));
  return { job: jobs.map(job) };
}
