import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
} from 'class-validator';
import { IsOrigin } from '../common/is-origin.validator';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class CreateTenantDto {
  @ApiProperty({ description: 'Display name.', example: 'Acme Corp' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    description: 'Unique, URL-safe identifier (lowercase letters, digits, dashes).',
    example: 'acme',
  })
  @Matches(SLUG, {
    message: 'slug must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash',
  })
  slug: string;

  @ApiPropertyOptional({
    description: 'Origins allowed as portal return URLs and for browser calls (scheme://host[:port]).',
    example: ['https://app.acme.com'],
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsOrigin, { each: true })
  allowedReturnOrigins?: string[];
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ description: 'Display name.', example: 'Acme Corporation' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'New unique slug.', example: 'acme-corp' })
  @IsOptional()
  @Matches(SLUG, {
    message: 'slug must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash',
  })
  slug?: string;

  @ApiPropertyOptional({
    description: 'Replaces the list of allowed origins.',
    example: ['https://app.acme.com'],
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsOrigin, { each: true })
  allowedReturnOrigins?: string[];
}

export class TenantDto {
  @ApiProperty({ description: 'Tenant id.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Display name.', example: 'Acme Corp' })
  name: string;

  @ApiProperty({ description: 'Unique slug.', example: 'acme' })
  slug: string;

  @ApiProperty({
    description: 'Allowed return/browser origins.',
    example: ['https://app.acme.com'],
    type: [String],
  })
  allowedReturnOrigins: string[];

  @ApiProperty({ description: 'Creation time (ISO 8601 UTC).', example: '2026-11-21T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ description: 'Last update time (ISO 8601 UTC).', example: '2026-11-21T09:30:00.000Z' })
  updatedAt: string;
}
