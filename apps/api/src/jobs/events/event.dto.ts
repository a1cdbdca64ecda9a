import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PROVIDER_IDS, type ProviderId } from '@app/providers';
import { BILLING_EVENT_TYPES, type BillingEventType, RESOURCE_TYPES, type ResourceType } from '@app/queue';

export class EventQueryDto {
  @ApiPropertyOptional({
    description:
      "Continue after this position: a `nextCursor` (or an event's `cursor`) from an earlier page. Omitted: " +
      'from the oldest event.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;

  @ApiPropertyOptional({ description: 'Page size.', type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

export class BillingEventDto {
  @ApiProperty({
    description: 'Position of the event in the feed (increasing; digits as a string).',
    example: '1042',
  })
  id: string;

  @ApiProperty({
    description: 'Opaque cursor: pass as `after` to continue right after this event.',
    example: 'eyJ0IjoiMDE5M2ExZjIiLCJzIjoiMTA0MiJ9.mJ3k',
  })
  cursor: string;

  @ApiProperty({ description: 'What changed.', enum: BILLING_EVENT_TYPES, example: 'invoice.status_changed' })
  type: BillingEventType;

  @ApiProperty({
    description: 'When the gateway observed the change (start of the poll that saw it), ISO 8601 UTC.',
    format: 'date-time',
    example: '2026-11-21T10:15:00.000Z',
  })
  occurredAt: string;

  @ApiProperty({ description: 'Connection the resource belongs to.', format: 'uuid' })
  connectionId: string;

  @ApiProperty({ description: 'Provider of the connection.', enum: PROVIDER_IDS, example: 'stripe' })
  provider: ProviderId;

  @ApiProperty({ description: 'Kind of resource.', enum: RESOURCE_TYPES, example: 'invoice' })
  resourceType: ResourceType;

  @ApiProperty({ description: "The resource's id at the provider.", example: 'in_1NqK2bLkdIwHu7ix' })
  resourceId: string;

  @ApiProperty({
    description: 'The fields that changed, `{field: {before, after}}`; null for `*.created`.',
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { before: { nullable: true }, after: { nullable: true } },
    },
    nullable: true,
    example: { status: { before: 'open', after: 'paid' }, providerStatus: { before: 'open', after: 'paid' } },
  })
  changes: Record<string, { before: unknown; after: unknown }> | null;

  @ApiProperty({
    description:
      'The resource after the change, exactly as its route returns it (GET /v1/billing-account, /v1/subscriptions, ' +
      '/v1/invoices).',
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown>;
}

export class BillingEventPageDto {
  @ApiProperty({ description: 'Events in feed order (oldest first).', type: [BillingEventDto] })
  data: BillingEventDto[];

  @ApiProperty({
    description:
      'Pass as `after` next time. Never null: on an empty page it is the position asked for, so a consumer can ' +
      'always store it and poll again.',
    example: 'eyJ0IjoiMDE5M2ExZjIiLCJzIjoiMTA0MiJ9.mJ3k',
  })
  nextCursor: string;

  @ApiProperty({ description: 'Whether more events are available right now.', example: false })
  hasMore: boolean;
}
