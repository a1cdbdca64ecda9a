import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsOptional,
  Matches,
} from 'class-validator';
import { JOB_STATUSES, type JobStatus } from '@app/queue';
import { ConnectionBodyDto } from '../billing/common/connection-selector.dto';
import { JobDto } from './job.dto';

const MAX_INVOICE_IDS = 500;
/** Same alphabet as invoice ids in paths: they end up in upstream URLs. */
const INVOICE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}$/;
/** A date-time, not just a date: a report period has an exact start and end. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z';

/** POST /v1/invoices/{id}/download */
export class InvoiceDownloadRequestDto extends ConnectionBodyDto {}

/** POST /v1/invoice-downloads */
export class InvoiceExportRequestDto extends ConnectionBodyDto {
  @ApiPropertyOptional({
    description: `Invoices to export (at most ${MAX_INVOICE_IDS}); every invoice of the connection when omitted.`,
    type: [String],
    example: ['7c9e6679-7425-40de-944b-e07fc1f90ae7', '0f8fad5b-d9cb-469f-a165-70867728950e'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INVOICE_IDS)
  @ArrayUnique()
  @Matches(INVOICE_ID, {
    each: true,
    message: 'each invoice id must be a provider id (letters, digits, _ . : -)',
  })
  invoiceIds?: string[];
}

/** POST /v1/usage-reports; from < to and the span limit are checked by the service. */
export class UsageReportRequestDto extends ConnectionBodyDto {
  @ApiProperty({
    description: 'Start of the period (inclusive), ISO 8601 date-time.',
    example: '2026-10-01T00:00:00Z',
  })
  @IsISO8601({ strict: true }, { message: `from ${DATE_TIME_MESSAGE}` })
  @Matches(DATE_TIME, { message: `from ${DATE_TIME_MESSAGE}` })
  from: string;

  @ApiProperty({
    description: 'End of the period (exclusive), ISO 8601 date-time.',
    example: '2026-11-01T00:00:00Z',
  })
  @IsISO8601({ strict: true }, { message: `to ${DATE_TIME_MESSAGE}` })
  @Matches(DATE_TIME, { message: `to ${DATE_TIME_MESSAGE}` })
  to: string;
}

export class UsageReportDto {
  @ApiProperty({
    description: 'Report id (the id of its job).',
    format: 'uuid',
    example: '0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f',
  })
  id: string;

  @ApiProperty({
    description: 'Status of the job producing the report.',
    enum: JOB_STATUSES,
    example: 'succeeded',
  })
  status: JobStatus;

  @ApiProperty({
    description: 'Start of the period.',
    format: 'date-time',
    example: '2026-10-01T00:00:00.000Z',
  })
  from: string;

  @ApiProperty({
    description: 'End of the period.',
    format: 'date-time',
    example: '2026-11-01T00:00:00.000Z',
  })
  to: string;

  @ApiProperty({
    description: 'Download link of the report once it succeeded, else null.',
    type: String,
    nullable: true,
    example: '/v1/jobs/0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f/artifact',
  })
  artifactUrl: string | null;

  @ApiProperty({ description: 'The job itself (progress, attempts, error, artifact details).', type: JobDto })
  job: JobDto;
}
