import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
import type { CredentialCheck } from '../domain/models';
import { ApiKeyCredentials } from '../credentials';
import { ProviderId } from '../provider-id';
import { AmpersandAccount, AmpersandSettings } from './ampersand.connection';

@Injectable()
export class AmpersandProvider extends BillingProvider {
  readonly id = ProviderId.ampersand;
  readonly displayName = 'Ampersand';
  readonly connectionSchema = {
    credentials: ApiKeyCredentials,
    account: AmpersandAccount,
    settings: AmpersandSettings,
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
