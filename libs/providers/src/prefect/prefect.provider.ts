import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
import type { CredentialCheck } from '../domain/models';
import { ApiKeyCredentials, NoSettings } from '../credentials';
import { ProviderId } from '../provider-id';
import { PrefectAccount } from './prefect.connection';

@Injectable()
export class PrefectProvider extends BillingProvider {
  readonly id = ProviderId.prefect;
  readonly displayName = 'Prefect Cloud';
  readonly connectionSchema = {
    credentials: ApiKeyCredentials,
    account: PrefectAccount,
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
