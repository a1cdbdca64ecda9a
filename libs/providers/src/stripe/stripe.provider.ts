import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
import type { CredentialCheck } from '../domain/models';
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
  // Placeholder until the adapter lands: declares nothing, so nothing routes here.
  readonly capabilities = [];
  readonly nativeOperations = [];

  callNative(): Promise<never> {
    throw new Error('not implemented yet');
  }

  verifyCredentials(): Promise<CredentialCheck> {
    throw new Error('not implemented yet');
  }
}
