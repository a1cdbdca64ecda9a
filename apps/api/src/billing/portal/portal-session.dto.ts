import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CLIENT_TOKEN_SCOPES, ClientTokenScope } from '@app/auth';
import { ConnectionBodyDto } from '../common/connection-selector.dto';
import { LinkDto } from '../common/resource.dto';

export class CreatePortalSessionDto extends ConnectionBodyDto {
  @ApiProperty({
    description:
      "Where the portal sends the customer back. Absolute https URL (http only for localhost) whose origin is in the tenant's `allowedReturnOrigins`; anything else is 422 and nothing is sent to the provider.",
    example: 'https://app.acme.com/settings/billing',
    maxLength: 2048,
  })
  @IsString()
  @MaxLength(2048)
  returnUrl: string;

  @ApiPropertyOptional({
    description: 'Portal language (BCP 47, or `auto`); passed to providers that support it (Stripe).',
    example: 'fr',
  })
  @IsOptional()
  @Matches(/^(auto|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/, {
    message: 'locale must be a BCP 47 tag such as fr or en-GB',
  })
  @MaxLength(35)
  locale?: string;
}

export class PortalSessionDto extends LinkDto {}

const MAX_TTL_SECONDS = 3600;

export class CreateClientTokenDto {
  @ApiProperty({
    description: 'What the token may do; `portal-session` is the only scope: POST /v1/portal-session.',
    enum: CLIENT_TOKEN_SCOPES,
    example: 'portal-session',
  })
  @IsIn(CLIENT_TOKEN_SCOPES, { message: `scope must be one of: ${CLIENT_TOKEN_SCOPES.join(', ')}` })
  scope: ClientTokenScope;

  @ApiPropertyOptional({
    description: 'Lifetime in seconds.',
    minimum: 1,
    maximum: MAX_TTL_SECONDS,
    default: 300,
    example: 300,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  ttlSeconds: number = 300;
}

export class ClientTokenDto {
  @ApiProperty({
    description:
      'Bearer token for the browser (`Authorization: Bearer bgwct_...`). Accepted by POST /v1/portal-session only; stops working at expiry or when the API key that issued it is revoked.',
    example: 'bgwct_eyJ2IjoxLCJ0IjoiMDE5M2ExZjIi...Q.Zx8kq0m3VdX2',
  })
  token: string;

  @ApiProperty({
    description: 'The scope it was issued for.',
    enum: CLIENT_TOKEN_SCOPES,
    example: 'portal-session',
  })
  scope: ClientTokenScope;

  @ApiProperty({
    description: 'Expiry (ISO 8601 UTC).',
    format: 'date-time',
    example: '2026-11-21T10:05:00.000Z',
  })
  expiresAt: string;
}
