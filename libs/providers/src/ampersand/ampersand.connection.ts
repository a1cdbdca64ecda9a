import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

export class AmpersandAccount {
  @ApiProperty({ description: 'Ampersand billing account id (portal sessions).', example: 'ba_123' })
  @IsString()
  @MinLength(1)
  billingAccountId: string;

  @ApiPropertyOptional({
    description: 'Ampersand organization id (billing-account reads).',
    example: 'org_1',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  orgId?: string;
}

export class AmpersandSettings {
  @ApiPropertyOptional({ description: 'Portal session lifetime in seconds.', example: 3600 })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  timeout?: number;
}
