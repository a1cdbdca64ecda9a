import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for, to tell keys apart.', example: 'production backend' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class ApiKeyDto {
  @ApiProperty({ description: 'Key id.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Tenant id.', format: 'uuid' })
  tenantId: string;

  @ApiProperty({ description: 'Name given at creation.', example: 'production backend' })
  name: string;

  @ApiProperty({ description: 'Visible start of the secret, to recognise it.', example: 'bgw_k7Qm2x' })
  prefix: string;

  @ApiProperty({
    description: 'Last authenticated use (minute resolution), ISO 8601 UTC.',
    nullable: true,
    type: String,
  })
  lastUsedAt: string | null;

  @ApiProperty({ description: 'When it was revoked; revoked keys get 401.', nullable: true, type: String })
  revokedAt: string | null;

  @ApiProperty({ description: 'Creation time, ISO 8601 UTC.', example: '2026-11-21T09:30:00.000Z' })
  createdAt: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The full secret. Shown exactly once: store it now, it cannot be retrieved again.',
    example: 'bgw_k7Qm2xP0aZ3vN9sR1tY6uW4eL8cB5dF2gH7jK0mQ3nS',
  })
  secret: string;
}
