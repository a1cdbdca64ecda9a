import { ApiProperty } from '@nestjs/swagger';

const TIME = { type: String, format: 'date-time', nullable: true, example: '2026-11-21T10:15:00.000Z' };

export class PollRequestedDto {
  @ApiProperty({ description: 'BullMQ job id of the poll (see the queue dashboard).', example: '1234' })
  jobId: string;

  @ApiProperty({ description: 'Connection to be polled.', format: 'uuid' })
  connectionId: string;

  @ApiProperty({ description: 'When the poll was requested.', ...TIME, nullable: false })
  requestedAt: string;
}

export class PollStatusDto {
  @ApiProperty({ description: 'Connection.', format: 'uuid' })
  connectionId: string;

  @ApiProperty({ description: "Seconds between polls (the connection's own, or the default).", example: 900 })
  intervalSeconds: number;

  @ApiProperty({
    description: 'Whether the connection has a poll schedule (the worker repairs a missing one).',
  })
  scheduled: boolean;

  @ApiProperty({ description: 'Next scheduled poll.', ...TIME })
  nextPollAt: string | null;

  @ApiProperty({ description: 'Start of the last successful poll: snapshots are this fresh.', ...TIME })
  observedAt: string | null;

  @ApiProperty({ description: 'End of the last poll that ran, successful or not.', ...TIME })
  attemptedAt: string | null;

  @ApiProperty({
    description: 'RFC 9457 problem of the last poll if it failed; null after a success.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: null,
  })
  lastError: Record<string, unknown> | null;

  @ApiProperty({
    description: 'Polls are skipped until then: the provider rate-limited the connection.',
    ...TIME,
  })
  backoffUntil: string | null;

  @ApiProperty({ description: 'Consecutive polls the provider answered with 429.', example: 0 })
  rateLimitedCount: number;
}
