import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
import { ProviderId } from '../provider-id';
import { StripeAccount, StripeCredentials, StripeSettings } from './stripe.connection';

@Injectable()
export class StripeProvider extends BillingProvider {
  readonly id = ProviderId.stripe;
  readonly displayName = 'Stripe';
  readonly connectionSchema = {
    credentials: StripeCredentials,
    account: StripeAccount,
    settings: StripeSettings,
  };
}
