import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JOB_STATUSES, JOB_TYPES, type JobStatus, type JobType } from '@app/queue';
import { PageQueryDto, pageOf } from '../common/pagination';

const TIMESTAMP = { type: String, format: 'date-time', nullable: true, example: '2026-11-21T09:30:02.000Z' };

export class JobArtifactDto {
  @ApiProperty({
    description: 'Where to download the file (tenant key required).',
    example: '/v1/jobs/0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f/artifact',
  })
  url: string;

  @ApiProperty({
    description: 'File name offered for saving.',
    example: 'invoice-7c9e6679-7425-40de-944b-e07fc1f90ae7.pdf',
  })
  filename: string;

  @ApiProperty({ description: 'Media type of the file.', example: 'application/pdf' })
  contentType: string;

  @ApiProperty({ description: 'Size in bytes.', example: 48213 })
  size: number;

  @ApiProperty({
    description: 'Hex SHA-256 of the file; also its ETag.',
    example: '9f2c1e0b8d4a7f3e6c5b2a1908d7e6f5c4b3a29180f7e6d5c4b3a2918f7e6d5c',
  })
  sha256: string;
}

export class JobDto {
  @ApiProperty({ description: 'Job id.', format: 'uuid', example: '0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f' })
  id: string;

  @ApiProperty({ description: 'What the job does.', enum: JOB_TYPES, example: 'invoice_download' })
  type: JobType;

  @ApiProperty({
    description: 'queued (waiting, or waiting to retry), running, succeeded or failed (final).',
    enum: JOB_STATUSES,
    example: 'succeeded',
  })
  status: JobStatus;

  @ApiProperty({ description: 'Progress, 0-100.', minimum: 0, maximum: 100, example: 100 })
  progress: number;

  @ApiProperty({ description: 'Times a worker started the job (retries included).', example: 1 })
  attempts: number;

  @ApiProperty({
    description: 'Connection the job acts on; null once that connection is deleted.',
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f',
  })
  connectionId: string | null;

  @ApiProperty({
    description:
      'What the job produced, by type (e.g. exported and failed invoices); null until it succeeds.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { invoiceId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', provider: 'qovery' },
  })
  result: Record<string, unknown> | null;

  @ApiProperty({
    description:
      'RFC 9457 problem of the last failed attempt: final when status is failed, the reason for the retry when queued.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: null,
  })
  error: Record<string, unknown> | null;

  @ApiProperty({
    description: 'The file the job produced, once it succeeded.',
    type: JobArtifactDto,
    nullable: true,
  })
  artifact: JobArtifactDto | null;

  @ApiProperty({ description: 'When the job was accepted.', ...TIMESTAMP, nullable: false })
  createdAt: string;

  @ApiProperty({ description: 'Last change.', ...TIMESTAMP, nullable: false })
  updatedAt: string;

  @ApiProperty({ description: 'When a worker last started it.', ...TIMESTAMP })
  startedAt: string | null;

  @ApiProperty({ description: 'When it succeeded or finally failed.', ...TIMESTAMP })
  finishedAt: string | null;
}

/** Answer of every job-creating route (202), next to `Location: /v1/jobs/{id}`. */
export class AcceptedJobDto {
  @ApiProperty({ description: 'The job; poll `GET /v1/jobs/{id}` until it succeeds or fails.', type: JobDto })
  job: JobDto;
}

export class JobQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only jobs of this type.', enum: JOB_TYPES })
  @IsOptional()
  @IsIn(JOB_TYPES)
  type?: JobType;

  @ApiPropertyOptional({ description: 'Only jobs in this status.', enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;
}

export const JobPage = pageOf(JobDto);
