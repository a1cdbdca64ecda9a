import { ApiProperty } from '@nestjs/swagger';
import { PROVIDER_IDS, ProviderId } from '@app/providers';

export const EXAMPLE_CONNECTION_ID = '0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f';

/** Every normalized resource says where it came from. */
export class ResourceOriginDto {
  @ApiProperty({
    description: 'Provider of the connection the resource came from.',
    enum: PROVIDER_IDS,
    enumName: 'ProviderId',
    example: 'stripe',
  })
  provider: ProviderId;

  @ApiProperty({
    description: 'Connection the resource came from.',
    format: 'uuid',
    example: EXAMPLE_CONNECTION_ID,
  })
  connectionId: string;
}

export class MoneyDto {
  @ApiProperty({
    description: 'Amount in integer minor units of the currency (cents for USD, yen for JPY); never a float.',
    type: 'integer',
    example: 4900,
  })
  amount: number;

  @ApiProperty({ description: 'ISO 4217 currency code, upper case.', example: 'USD' })
  currency: string;
}

/** A URL to hand to the browser, and until when it works. */
export class LinkDto extends ResourceOriginDto {
  @ApiProperty({
    description: 'URL to redirect the browser to.',
    example: 'https://billing.stripe.com/p/session/test_YWNjdF8x',
  })
  url: string;

  @ApiProperty({
    description: 'When the URL stops working (ISO 8601 UTC); null when the provider does not say.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-21T10:35:00.000Z',
  })
  expiresAt: string | null;
}
