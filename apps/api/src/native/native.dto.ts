import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { PROVIDER_IDS, type ProviderId } from '@app/providers';

export class NativeHintsDto {
  @ApiProperty({ description: 'The operation only reads.' })
  readOnly: boolean;

  @ApiProperty({ description: 'The operation may destroy or cancel something.' })
  destructive: boolean;

  @ApiProperty({ description: 'Repeating it with the same input has no further effect.' })
  idempotent: boolean;
}

export class NativeOperationDto {
  @ApiProperty({ description: 'Provider.', enum: PROVIDER_IDS, example: 'qovery' })
  provider: ProviderId;

  @ApiProperty({
    description: "The operation's operationId in the provider's OpenAPI spec.",
    example: 'getOrganizationInvoicePDF',
  })
  operationId: string;

  @ApiProperty({ description: 'HTTP method at the provider.', example: 'GET' })
  method: string;

  @ApiProperty({
    description: 'Path template at the provider.',
    example: '/organization/{organizationId}/invoice/{invoiceId}/download',
  })
  path: string;

  @ApiProperty({ description: 'What it does (from the spec).', example: 'Get invoice link' })
  summary: string;

  @ApiProperty({ description: 'Behaviour hints.', type: NativeHintsDto })
  hints: NativeHintsDto;

  @ApiProperty({
    description: 'Path parameters filled from the connection; they cannot be supplied.',
    example: ['organizationId'],
    type: [String],
  })
  fixedParameters: string[];

  @ApiProperty({
    description: "The calling tenant's connections this operation can run on.",
    type: [String],
    format: 'uuid',
  })
  connectionIds: string[];
}

export class NativeCallDto {
  @ApiPropertyOptional({
    description: 'Path parameters other than the ones fixed by the connection.',
    example: { invoiceId: '1d4f6a2e-8b3c-4d5e-9f0a-1b2c3d4e5f6a' },
  })
  @IsOptional()
  @IsObject()
  path?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Query parameters, as the spec defines them.', example: { limit: 10 } })
  @IsOptional()
  @IsObject()
  query?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Request body, as the spec defines it (JSON; Stripe bodies are form-encoded for you).',
  })
  @IsOptional()
  body?: unknown;
}

export class NativeCallResultDto {
  @ApiProperty({ description: 'Provider.', enum: PROVIDER_IDS, example: 'qovery' })
  provider: ProviderId;

  @ApiProperty({ description: 'Connection the call ran on.', format: 'uuid' })
  connectionId: string;

  @ApiProperty({ description: 'Operation called.', example: 'getOrganizationInvoicePDF' })
  operationId: string;

  @ApiProperty({ description: "The provider's HTTP status.", example: 200 })
  upstreamStatus: number;

  @ApiProperty({
    description: "The provider's response body, unchanged (null when it sent none).",
    example: { url: 'https://...' },
  })
  data: unknown;
}

export class CredentialCheckDto {
  @ApiProperty({ description: 'Provider.', enum: PROVIDER_IDS, example: 'stripe' })
  provider: ProviderId;

  @ApiProperty({ description: 'Connection checked.', format: 'uuid' })
  connectionId: string;

  @ApiProperty({ description: 'Whether the provider accepted the stored credentials.' })
  ok: boolean;

  @ApiProperty({ description: 'The read used to check.', example: 'GET /v1/customers/{customer}' })
  checkedWith: string;

  @ApiProperty({ description: 'Why not, when ok is false.', nullable: true, type: String })
  detail: string | null;

  @ApiProperty({ description: 'When, ISO 8601 UTC.', example: '2026-11-21T09:30:00.000Z' })
  checkedAt: string;
}
