import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SubscriptionStatus } from '@app/providers';
import { ConnectionBodyDto } from '../common/connection-selector.dto';
import { LinkDto, ResourceOriginDto } from '../common/resource.dto';

const NULLABLE_TIME = {
  type: String,
  format: 'date-time',
  nullable: true,
  example: '2026-12-01T00:00:00.000Z',
};

export class SubscriptionItemDto {
  @ApiProperty({ description: "The item's id at the provider.", example: 'si_NcLYdDxLHxlFo7' })
  id: string;

  @ApiProperty({
    description: 'Price or plan of the item.',
    type: String,
    nullable: true,
    example: 'price_1MowQULkdIwHu7ixraBm864M',
  })
  price: string | null;

  @ApiProperty({ description: 'Quantity (seats).', type: 'integer', nullable: true, example: 5 })
  quantity: number | null;
}

export class SubscriptionDto extends ResourceOriginDto {
  @ApiProperty({
    description:
      'Subscription id at the provider (Qovery: the organization id; Prefect: the account id, one subscription each).',
    example: 'sub_1MowQVLkdIwHu7ixeRlqHVzs',
  })
  id: string;

  @ApiProperty({
    description: 'Normalized status.',
    enum: SubscriptionStatus,
    enumName: 'SubscriptionStatus',
    example: SubscriptionStatus.Active,
  })
  status: SubscriptionStatus;

  @ApiProperty({
    description: "The provider's own status value, raw.",
    type: String,
    nullable: true,
    example: 'active',
  })
  providerStatus: string | null;

  @ApiProperty({
    description: 'Plan, price or tier.',
    type: String,
    nullable: true,
    example: 'price_1MowQULkdIwHu7ixraBm864M',
  })
  plan: string | null;

  @ApiProperty({ description: 'Number of seats.', type: 'integer', nullable: true, example: 5 })
  seats: number | null;

  @ApiProperty({
    description: 'Whether it ends at the end of the current period.',
    type: Boolean,
    nullable: true,
    example: false,
  })
  cancelAtPeriodEnd: boolean | null;

  @ApiProperty({
    description: 'Start of the current period (ISO 8601 UTC).',
    ...NULLABLE_TIME,
    example: '2026-11-01T00:00:00.000Z',
  })
  currentPeriodStart: string | null;

  @ApiProperty({ description: 'End of the current period (ISO 8601 UTC).', ...NULLABLE_TIME })
  currentPeriodEnd: string | null;

  @ApiProperty({ description: 'When it was canceled (ISO 8601 UTC).', ...NULLABLE_TIME, example: null })
  canceledAt: string | null;

  @ApiProperty({
    description: 'Creation time (ISO 8601 UTC).',
    ...NULLABLE_TIME,
    example: '2026-03-01T09:12:44.000Z',
  })
  createdAt: string | null;

  @ApiProperty({ description: 'Line items; empty for providers without items.', type: [SubscriptionItemDto] })
  items: SubscriptionItemDto[];
}

export class SubscriptionListDto {
  @ApiProperty({ description: 'Subscriptions of the account.', type: [SubscriptionDto] })
  data: SubscriptionDto[];
}

export class UpdateSubscriptionDto extends ConnectionBodyDto {
  @ApiPropertyOptional({
    description:
      'New number of seats (capability `change_seats`). At least one of seats and plan is required.',
    minimum: 1,
    maximum: 1_000_000,
    example: 8,
  })
  @ValidateIf((dto: UpdateSubscriptionDto) => dto.plan === undefined || dto.seats !== undefined)
  @IsDefined({ message: 'seats or plan is required' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  seats?: number;

  @ApiPropertyOptional({
    description: 'New plan, price or tier id at the provider (capability `change_plan`).',
    example: 'price_1NqK9ZLkdIwHu7ixTeamYearly',
  })
  @ValidateIf((dto: UpdateSubscriptionDto) => dto.plan !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  plan?: string;
}

export class CancelSubscriptionDto extends ConnectionBodyDto {
  @ApiProperty({
    description:
      'true: cancel at the end of the current period (`cancel_subscription_at_period_end`); false: cancel now (`cancel_subscription_now`).',
    example: true,
  })
  @IsBoolean()
  atPeriodEnd: boolean;
}

export class CreateCheckoutSessionDto extends ConnectionBodyDto {
  @ApiProperty({ description: 'Plan or tier to subscribe to, as the provider names it.', example: 'PRO' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  plan: string;
}

export class CheckoutSessionDto extends LinkDto {}
