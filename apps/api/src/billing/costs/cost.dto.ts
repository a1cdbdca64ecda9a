import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto, ResourceOriginDto } from '../common/resource.dto';

export class CurrentCostDto extends ResourceOriginDto {
  @ApiProperty({ description: 'Current plan.', type: String, nullable: true, example: 'TEAM' })
  plan: string | null;

  @ApiProperty({ description: 'Cost of the current period so far.', type: MoneyDto, nullable: true })
  total: MoneyDto | null;

  @ApiProperty({
    description: 'Next renewal (ISO 8601 UTC).',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T00:00:00.000Z',
  })
  renewalAt: string | null;

  @ApiProperty({ description: 'Days of trial left.', type: 'integer', nullable: true, example: 0 })
  remainingTrialDays: number | null;
}

export class CostRangeDto extends ResourceOriginDto {
  @ApiProperty({
    description: 'Cluster id at the provider.',
    example: '3f1d2c4b-8a7e-4e6f-9b0a-1c2d3e4f5a6b',
  })
  clusterId: string;

  @ApiProperty({ description: 'Lower bound of the estimated cost.', type: MoneyDto, nullable: true })
  min: MoneyDto | null;

  @ApiProperty({ description: 'Upper bound of the estimated cost.', type: MoneyDto, nullable: true })
  max: MoneyDto | null;
}
