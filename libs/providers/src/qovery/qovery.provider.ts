import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
import type { CredentialCheck } from '../domain/models';
import { ApiKeyCredentials, NoSettings } from '../credentials';
import { ProviderId } from '../provider-id';
import { QoveryAccount } from './qovery.connection';

@Injectable()
export class QoveryProvider extends BillingProvider {
  readonly id = ProviderId.qovery;
  readonly displayName = 'Qovery';
  readonly connectionSchema = {
    credentials: ApiKeyCredentials,
    account: QoveryAccount,
    settings: NoSettings,
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
