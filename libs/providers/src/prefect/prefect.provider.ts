import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
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
}
