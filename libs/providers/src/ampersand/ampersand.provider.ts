import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing-provider';
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
}
