import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { BillingAccountStatus } from '@app/providers';
import { ConnectionBodyDto } from '../common/connection-selector.dto';
import { ResourceOriginDto } from '../common/resource.dto';

export class BillingAccountDto extends ResourceOriginDto {
  @ApiProperty({
    description: "The account's id at the provider (Stripe customer, Qovery billing external id, ...).",
    example: 'cus_NffrFeUfNV2Hib',
  })
  id: string;

  @ApiProperty({
    description: 'Account or billing contact name.',
    type: String,
    nullable: true,
    example: 'Acme Corp',
  })
  name: string | null;

  @ApiProperty({ description: 'Billing email.', type: String, nullable: true, example: 'billing@acme.com' })
  email: string | null;

  @ApiProperty({
    description: 'Current plan at the provider.',
    type: String,
    nullable: true,
    example: 'TEAM',
  })
  plan: string | null;

  @ApiProperty({
    description: 'Normalized account status; `unknown` when the provider does not report one.',
    enum: BillingAccountStatus,
    enumName: 'BillingAccountStatus',
    example: BillingAccountStatus.Active,
  })
  status: BillingAccountStatus;

  @ApiProperty({
    description: "The provider's own status value, raw.",
    type: String,
    nullable: true,
    example: 'valid',
  })
  providerStatus: string | null;

  @ApiProperty({
    description: 'Whether the provider considers billing set up and valid; null when it does not say.',
    type: Boolean,
    nullable: true,
    example: true,
  })
  billingEnabled: boolean | null;

  @ApiProperty({
    description:
      'Provider identifiers of the account, e.g. `{customerId}` or `{organizationId, billingExternalId}`.',
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    example: { customerId: 'cus_NffrFeUfNV2Hib' },
  })
  raw: Record<string, string | null>;
}

const Text = (max: number) => applyDecorators(IsString(), MinLength(1), MaxLength(max));

/** Billing contact and address, as the provider's invoices will show them. */
export class UpdateBillingDetailsDto extends ConnectionBodyDto {
  @ApiProperty({ description: 'First name of the billing contact.', example: 'Jane', maxLength: 100 })
  @Text(100)
  firstName: string;

  @ApiProperty({ description: 'Last name of the billing contact.', example: 'Doe', maxLength: 100 })
  @Text(100)
  lastName: string;

  @ApiProperty({ description: 'Billing email.', example: 'billing@acme.com', format: 'email' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'Street address.', example: '1 Market Street', maxLength: 200 })
  @Text(200)
  address: string;

  @ApiProperty({ description: 'City.', example: 'San Francisco', maxLength: 100 })
  @Text(100)
  city: string;

  @ApiProperty({ description: 'Postal code.', example: '94105', maxLength: 20 })
  @Text(20)
  zip: string;

  @ApiProperty({
    description: 'ISO 3166-1 alpha-2 country code, upper case.',
    example: 'US',
    pattern: '^[A-Z]{2}$',
  })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as US' })
  countryCode: string;

  @ApiPropertyOptional({ description: 'State or region.', example: 'CA', maxLength: 100 })
  @IsOptional()
  @Text(100)
  state?: string;

  @ApiPropertyOptional({ description: 'Company name.', example: 'Acme Corp', maxLength: 200 })
  @IsOptional()
  @Text(200)
  company?: string;

  @ApiPropertyOptional({ description: 'VAT number.', example: 'FR40303265045', maxLength: 50 })
  @IsOptional()
  @Text(50)
  vatNumber?: string;
}
