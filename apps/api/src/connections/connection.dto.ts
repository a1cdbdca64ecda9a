import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  AmpersandAccount,
  AmpersandSettings,
  ApiKeyCredentials,
  PrefectAccount,
  PROVIDER_IDS,
  ProviderId,
  QoveryAccount,
  StripeAccount,
  StripeSettings,
} from '@app/providers';

export const CONNECTION_SCHEMA_MODELS = [
  ApiKeyCredentials,
  StripeAccount,
  QoveryAccount,
  PrefectAccount,
  AmpersandAccount,
  StripeSettings,
  AmpersandSettings,
];

const ACCOUNT_DOC = {
  description: "The tenant's identifiers at the provider; validated per provider (400 naming the field).",
  oneOf: [StripeAccount, QoveryAccount, PrefectAccount, AmpersandAccount].map((model) => ({
    $ref: getSchemaPath(model),
  })),
  example: { customerId: 'cus_NffrFeUfNV2Hib' },
};
const SETTINGS_DOC = {
  description:
    'Provider options: Stripe `portalConfigurationId`; Ampersand `timeout` (seconds). Others take none.',
  oneOf: [StripeSettings, AmpersandSettings].map((model) => ({ $ref: getSchemaPath(model) })),
  example: { portalConfigurationId: 'bpc_1MrnZsLkdIwHu7ix' },
};

const POLL_INTERVAL_DOC = {
  description:
    "Seconds between two background polls of the connection (snapshots, change feed); null or absent: the gateway's " +
    'default (POLL_INTERVAL_MS, 15 minutes unless configured).',
  type: 'integer' as const,
  minimum: 60,
  maximum: 86_400,
  nullable: true,
  example: 300,
};

/** 60 s at least: a provider's rate limit is shared with the tenant's own traffic. null is allowed. */
const PollInterval = () =>
  applyDecorators(
    IsOptional(),
    IsInt({ message: 'pollIntervalSeconds must be an integer number of seconds' }),
    Min(60),
    Max(86_400),
  );

export class CreateConnectionDto {
  @ApiProperty({ description: 'Billing provider.', enum: PROVIDER_IDS, example: 'stripe' })
  @IsEnum(ProviderId)
  provider: ProviderId;

  @ApiPropertyOptional({
    description: 'Display name; defaults to the provider name.',
    example: 'Stripe (EU entity)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiProperty({
    description: 'Credentials at the provider. Encrypted at rest; never returned.',
    type: ApiKeyCredentials,
  })
  @IsObject()
  credentials: Record<string, unknown>;

  @ApiProperty(ACCOUNT_DOC)
  @IsObject()
  account: Record<string, unknown>;

  @ApiPropertyOptional(SETTINGS_DOC)
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: "Make this the tenant's primary connection (the first connection always is).",
  })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiPropertyOptional(POLL_INTERVAL_DOC)
  @PollInterval()
  pollIntervalSeconds?: number | null;
}

export class UpdateConnectionDto {
  @ApiPropertyOptional({ description: 'New display name.', example: 'Stripe (US entity)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    description: 'Rotated credentials (replace the stored ones).',
    type: ApiKeyCredentials,
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional(ACCOUNT_DOC)
  @IsOptional()
  @IsObject()
  account?: Record<string, unknown>;

  @ApiPropertyOptional(SETTINGS_DOC)
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'true makes this the primary connection (the previous primary stops being it).',
  })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiPropertyOptional({
    ...POLL_INTERVAL_DOC,
    description: `${POLL_INTERVAL_DOC.description} null resets it.`,
  })
  @PollInterval()
  pollIntervalSeconds?: number | null;
}

export class MaskedCredentialsDto {
  @ApiProperty({ description: 'Masked secret: only the last four characters.', example: '••••4f2a' })
  apiKey: string;
}

export class ConnectionDto {
  @ApiProperty({ description: 'Connection id.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Tenant id.', format: 'uuid' })
  tenantId: string;

  @ApiProperty({ description: 'Billing provider.', enum: PROVIDER_IDS, example: 'stripe' })
  provider: ProviderId;

  @ApiProperty({ description: 'Display name.', example: 'Stripe' })
  name: string;

  @ApiProperty({ description: 'Whether routes act on this connection when none is named.' })
  isPrimary: boolean;

  @ApiProperty(ACCOUNT_DOC)
  account: Record<string, unknown>;

  @ApiProperty(SETTINGS_DOC)
  settings: Record<string, unknown>;

  @ApiProperty({ description: 'Masked credentials.', type: MaskedCredentialsDto })
  credentials: MaskedCredentialsDto;

  @ApiProperty(POLL_INTERVAL_DOC)
  pollIntervalSeconds: number | null;

  @ApiProperty({ description: 'Creation time, ISO 8601 UTC.', example: '2026-11-21T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ description: 'Last update time, ISO 8601 UTC.', example: '2026-11-21T09:30:00.000Z' })
  updatedAt: string;
}
