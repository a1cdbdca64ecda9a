import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import { BillingProvider } from '../billing-provider';
import { ApiKeyCredentials, NoSettings } from '../credentials';
import { Capability } from '../domain/capability';
import type {
  BillingAccount,
  CheckoutLink,
  CredentialCheck,
  PortalSession,
  ResourceOrigin,
  Subscription,
  SubscriptionChange,
} from '../domain/models';
import type { NativeInput, NativeOperation, NativeResult } from '../native/native-operation';
import type { ProviderCall } from '../provider-call';
import { ProviderId } from '../provider-id';
import { UpstreamFactory } from '../upstream/upstream-factory';
import { PrefectClient, prefectAccountId } from './prefect.client';
import { PrefectAccount } from './prefect.connection';
import { summarizePrefectError } from './prefect.errors';
import {
  additionalUserSlotsFor,
  CHECKOUT_URL_KEYS,
  findRedirectUrl,
  isBillingDetails,
  PORTAL_URL_KEYS,
  toBillingAccount,
  toPlanTier,
  toSubscription,
} from './prefect.mappers';
import { PREFECT_NATIVE_OPERATIONS } from './prefect.native-operations';
import { PREFECT_PATHS, type PrefectBillingDetails } from './prefect.wire';

/**
 * Prefect Cloud: billing per account (`/api/billing/{account_id}/…`), one subscription per
 * account, seats as user slots. No invoices or payment methods in its API; plan changes go through
 * a checkout link, and cancelling is only possible at the end of the period.
 */
@Injectable()
export class PrefectProvider extends BillingProvider {
  readonly id = ProviderId.prefect;
  readonly displayName = 'Prefect Cloud';
  readonly connectionSchema = {
    credentials: ApiKeyCredentials,
    account: PrefectAccount,
    settings: NoSettings,
  };
  readonly capabilities = [
    Capability.GetBillingAccount,
    Capability.CreatePortalSession,
    Capability.ListSubscriptions,
    Capability.GetSubscription,
    Capability.ChangeSeats,
    Capability.CancelAtPeriodEnd,
    Capability.CreateCheckoutLink,
    Capability.VerifyCredentials,
  ];
  readonly nativeOperations = PREFECT_NATIVE_OPERATIONS;
  private readonly client: PrefectClient;

  constructor(config: AppConfig, upstream: UpstreamFactory) {
    super();
    this.client = new PrefectClient(
      upstream.http(ProviderId.prefect, config.PREFECT_API_BASE_URL, summarizePrefectError),
    );
  }

  async callNative(
    call: ProviderCall,
    operation: NativeOperation,
    input: NativeInput,
  ): Promise<NativeResult> {
    // The catalog already fixed the account parameters; fixing them again here costs nothing.
    const pathParams = { ...(input.path ?? {}) };
    for (const [param, field] of Object.entries(operation.accountParams))
      pathParams[param] = String(call.account[field]);
    const response = await this.client.send(call, {
      method: operation.method,
      path: operation.path,
      pathParams,
      query: input.query,
      body: input.body,
      retrySafe: operation.hints.idempotent,
    });
    return { status: response.status, body: response.body };
  }

  async verifyCredentials(call: ProviderCall): Promise<CredentialCheck> {
    const checkedWith = `GET ${PREFECT_PATHS.details}`;
    try {
      await this.details(call);
      return { ok: true, checkedWith, detail: null };
    } catch (error) {
      if (error instanceof GatewayError && error.type === ErrorType.ProviderAuthenticationFailed)
        return { ok: false, checkedWith, detail: error.detail };
      throw error;
    }
  }

  override async getBillingAccount(call: ProviderCall): Promise<BillingAccount> {
    const details = await this.details(call);
    return toBillingAccount(details, this.origin(call), prefectAccountId(call));
  }

  override async createPortalSession(
    call: ProviderCall,
    input: { returnUrl: string },
  ): Promise<PortalSession> {
    // Prefect takes no locale. Its 200 is untyped: see findRedirectUrl / PORTAL_URL_KEYS.
    const body = await this.client.createBillingPortalSession(call, { return_url: input.returnUrl });
    const url = findRedirectUrl(body, PORTAL_URL_KEYS);
    if (!url)
      throw this.invalidResponse('create_billing_portal_session', 'without a URL the gateway recognises');
    return { ...this.origin(call), url, expiresAt: null };
  }

  override async listSubscriptions(call: ProviderCall): Promise<Subscription[]> {
    const details = await this.details(call);
    return [toSubscription(details, this.origin(call), prefectAccountId(call))];
  }

  override async getSubscription(call: ProviderCall, subscriptionId: string): Promise<Subscription> {
    this.assertOwnSubscription(call, subscriptionId);
    const details = await this.details(call);
    return toSubscription(details, this.origin(call), subscriptionId);
  }

  /** change_seats only: see additionalUserSlotsFor for how total seats become Prefect's slots. */
  override async changeSubscription(
    call: ProviderCall,
    subscriptionId: string,
    change: SubscriptionChange,
  ): Promise<Subscription> {
    if (change.plan !== undefined)
      throw this.unsupported(Capability.ChangePlan, 'changes plans through a checkout link only');
    if (change.seats === undefined)
      throw GatewayError.validation([{ field: 'seats', message: 'seats is required' }]);
    this.assertOwnSubscription(call, subscriptionId);
    const before = await this.details(call);
    const additional = additionalUserSlotsFor(change.seats, before.users);
    await this.client.updateSlots(call, { additional_user_slots: additional });
    return this.getSubscription(call, subscriptionId);
  }

  override async cancelSubscription(
    call: ProviderCall,
    subscriptionId: string,
    options: { atPeriodEnd: boolean },
  ): Promise<Subscription> {
    if (!options.atPeriodEnd)
      throw this.unsupported(Capability.CancelNow, 'only cancels at the end of the billing period');
    this.assertOwnSubscription(call, subscriptionId);
    await this.client.cancelOrgSubscriptionAtPeriodEnd(call);
    return this.getSubscription(call, subscriptionId);
  }

  override async createCheckoutLink(call: ProviderCall, input: { plan: string }): Promise<CheckoutLink> {
    const tier = toPlanTier(input.plan);
    const body = await this.client.getCheckoutLink(call, { tier });
    const url = findRedirectUrl(body, CHECKOUT_URL_KEYS);
    if (!url) throw this.invalidResponse('subscribe', 'without a URL the gateway recognises');
    return { ...this.origin(call), url, expiresAt: null };
  }

  private origin(call: ProviderCall): ResourceOrigin {
    return { provider: this.id, connectionId: call.connectionId };
  }

  /** The account's one subscription carries the account id; any other id does not exist. */
  private assertOwnSubscription(call: ProviderCall, subscriptionId: string): void {
    if (subscriptionId === prefectAccountId(call)) return;
    throw new GatewayError(
      ErrorType.ProviderResourceNotFound,
      `${this.displayName} has one subscription per account, identified by the account id; ${subscriptionId} is not it.`,
      { extensions: { provider: this.id, upstreamStatus: null, retryable: false } },
    );
  }

  private unsupported(operation: Capability, why: string): GatewayError {
    return new GatewayError(ErrorType.UnsupportedOperation, `${this.displayName} ${why}.`, {
      extensions: { provider: this.id, operation },
    });
  }

  /** Billing details, checked to have what the mappers read before anything maps them. */
  private async details(call: ProviderCall): Promise<PrefectBillingDetails> {
    const body: unknown = await this.client.getBillingDetails(call);
    if (!isBillingDetails(body)) throw this.invalidResponse('details', 'without the billing details');
    return body;
  }

  /** A 200 the gateway cannot use (the spec leaves several of them untyped). */
  private invalidResponse(operation: string, what: string): GatewayError {
    return new GatewayError(ErrorType.ProviderInvalidResponse, `${this.id} answered ${operation} ${what}.`, {
      extensions: { provider: this.id, upstreamStatus: 200, retryable: false },
    });
  }
}
