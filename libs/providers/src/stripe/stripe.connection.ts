import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ApiKeyCredentials } from '../credentials';

export class StripeCredentials extends ApiKeyCredentials {
  @ApiProperty({ description: 'Stripe secret (sk_) or restricted (rk_) key.', example: 'sk_test_51H...' })
  @Matches(/^(sk|rk)_(test|live)_\S+$/, {
    message: 'apiKey must be a Stripe secret (sk_) or restricted (rk_) key',
  })
  declare apiKey: string;
}

export class StripeAccount {
  @ApiProperty({
    description: 'The Stripe customer whose billing this connection manages.',
    example: 'cus_NffrFeUfNV2Hib',
  })
  @Matches(/^cus_[A-Za-z0-9]+$/, { message: 'customerId must be a Stripe customer id (cus_...)' })
  customerId: string;
}

export class StripeSettings {
  @ApiPropertyOptional({
    description: 'Billing portal configuration to use for portal sessions.',
    example: 'bpc_1MrnZsLkdIwHu7ix',
  })
  @IsOptional()
  @Matches(/^bpc_[A-Za-z0-9]+$/, {
    message: 'portalConfigurationId must be a portal configuration id (bpc_...)',
  })
  portalConfigurationId?: string;
}
