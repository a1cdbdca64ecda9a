import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ConnectionBodyDto } from '../common/connection-selector.dto';
import { ResourceOriginDto } from '../common/resource.dto';

export class PaymentMethodDto extends ResourceOriginDto {
  @ApiProperty({
    description: 'Payment method id at the provider.',
    example: 'a3c1e5f7-9b2d-4f6a-8c0e-1a2b3c4d5e6f',
  })
  id: string;

  @ApiProperty({ description: 'Kind of payment method.', enum: ['card'], example: 'card' })
  type: 'card';

  @ApiProperty({
    description: 'Card brand as the provider names it.',
    type: String,
    nullable: true,
    example: 'VISA',
  })
  brand: string | null;

  @ApiProperty({ description: 'Last four digits.', type: String, nullable: true, example: '4242' })
  last4: string | null;

  @ApiProperty({ description: 'Expiry month (1-12).', type: 'integer', nullable: true, example: 12 })
  expiryMonth: number | null;

  @ApiProperty({ description: 'Expiry year (four digits).', type: 'integer', nullable: true, example: 2028 })
  expiryYear: number | null;

  @ApiProperty({
    description: 'Whether the card has expired.',
    type: Boolean,
    nullable: true,
    example: false,
  })
  expired: boolean | null;

  @ApiProperty({
    description: 'When it was added (ISO 8601 UTC).',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-06-14T08:00:00.000Z',
  })
  createdAt: string | null;
}

export class PaymentMethodListDto {
  @ApiProperty({ description: 'Payment methods of the account.', type: [PaymentMethodDto] })
  data: PaymentMethodDto[];
}

/**
 * Card data goes straight to the provider: never stored, never logged (the access log has no
 * bodies), and validation messages below never include the submitted values.
 */
export class AddPaymentMethodDto extends ConnectionBodyDto {
  @ApiProperty({
    description: 'Card number, digits only.',
    example: '4242424242424242',
    pattern: '^\\d{12,19}$',
  })
  @Matches(/^\d{12,19}$/, { message: 'number must be 12 to 19 digits' })
  number: string;

  @ApiProperty({ description: 'Card security code.', example: '123', pattern: '^\\d{3,4}$' })
  @Matches(/^\d{3,4}$/, { message: 'cvv must be 3 or 4 digits' })
  cvv: string;

  @ApiProperty({ description: 'Expiry month (1-12).', type: 'integer', minimum: 1, maximum: 12, example: 12 })
  @IsInt({ message: 'expiryMonth must be an integer from 1 to 12' })
  @Min(1, { message: 'expiryMonth must be an integer from 1 to 12' })
  @Max(12, { message: 'expiryMonth must be an integer from 1 to 12' })
  expiryMonth: number;

  @ApiProperty({
    description: 'Expiry year (four digits).',
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2028,
  })
  @IsInt({ message: 'expiryYear must be a four-digit year' })
  @Min(2000, { message: 'expiryYear must be a four-digit year' })
  @Max(2100, { message: 'expiryYear must be a four-digit year' })
  expiryYear: number;
}

export class RedeemCreditDto extends ConnectionBodyDto {
  @ApiProperty({ description: 'Credit or promotion code.', example: 'WELCOME-2026' })
  @IsString({ message: 'code must be a string' })
  @MinLength(1, { message: 'code must not be empty' })
  @MaxLength(100, { message: 'code must be at most 100 characters' })
  code: string;
}
