import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
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
}
