import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import { BillingProvider } from '../billing-provider';
import { Capability } from '../domain/capability';
import type {
  BillingAccount,
  CredentialCheck,
  DownloadLink,
  Invoice,
  InvoiceQuery,
  Page,
  PortalSession,
  ResourceOrigin,
  Subscription,
  SubscriptionChange,
} from '../domain/models';
import type { NativeInput, NativeOperation, NativeResult } from '../native/native-operation';
import type { ProviderCall } from '../provider-call';
import { ProviderId } from '../provider-id';
import { UpstreamFactory } from '../upstream/upstream-factory';
import { upstreamError } from '../upstream/upstream-failure';
import { StripeClient } from './stripe.client';
import { StripeAccount, StripeCredentials, StripeSettings } from './stripe.connection';
import {
  idOf,
  STRIPE_PAGE_MAX,
  toBillingAccount,
  toInvoice,
  toInvoiceListQuery,
  toInvoicePage,
  toPortalSession,
  toPortalSessionParams,
  toSubscription,
  toSubscriptionUpdateParams,
} from './stripe.mappers';
import { STRIPE_NATIVE_OPERATIONS } from './stripe.native-operations';
import { StripeSdk } from './stripe.sdk';
import type { StripeInvoice, StripeSubscription } from './stripe.wire';

/** The connection's account and settings were validated against these classes when it was saved. */
const accountOf = (call: ProviderCall) => call.account as unknown as StripeAccount;
const settingsOf = (call: ProviderCall) => call.settings as unknown as StripeSettings;

const CUSTOMER_READ = 'GET /v1/customers/{customer}';
/** Enough for any real customer; more is logged rather than fetched without bound. */
const MAX_SUBSCRIPTION_PAGES = 10;

/**
 * Stripe, spoken through the official SDK. A connection is one customer of the key's account:
 * every normalized operation is scoped to it, and a subscription or invoice of another customer
 * is answered exactly like one that does not exist.
 */
@Injectable()
export class StripeProvider extends BillingProvider {
  readonly id = ProviderId.stripe;
  readonly displayName = 'Stripe';
  readonly connectionSchema = {
    credentials: StripeCredentials,
    account: StripeAccount,
    settings: StripeSettings,
  };
  readonly capabilities = [
    Capability.GetBillingAccount,
    Capability.CreatePortalSession,
    Capability.ListSubscriptions,
    Capability.GetSubscription,
    Capability.ChangeSeats,
    Capability.ChangePlan,
    Capability.CancelAtPeriodEnd,
    Capability.CancelNow,
    Capability.ListInvoices,
    Capability.GetInvoice,
    Capability.GetInvoicePdfLink,
    Capability.VerifyCredentials,
  ];
  readonly nativeOperations = STRIPE_NATIVE_OPERATIONS;

  private readonly logger = new Logger(StripeProvider.name);
  private readonly client: StripeClient;

  constructor(config: AppConfig, upstream: UpstreamFactory) {
    super();
    this.client = new StripeClient(new StripeSdk(config, upstream.agents), upstream.retry);
  }

  override async getBillingAccount(call: ProviderCall): Promise<BillingAccount> {
    const customer = await this.client.retrieveCustomer(call, accountOf(call).customerId);
    return toBillingAccount(customer, this.origin(call));
  }

  override async createPortalSession(
    call: ProviderCall,
    input: { returnUrl: string; locale?: string },
  ): Promise<PortalSession> {
    const params = toPortalSessionParams(accountOf(call), settingsOf(call), input);
    return toPortalSession(await this.client.createPortalSession(call, params), this.origin(call));
  }

  override async listSubscriptions(call: ProviderCall): Promise<Subscription[]> {
    const customer = accountOf(call).customerId;
    const subscriptions: StripeSubscription[] = [];
    let startingAfter: string | undefined;
    for (let page = 0; page < MAX_SUBSCRIPTION_PAGES; page++) {
      const list = await this.client.listSubscriptions(call, {
        customer,
        status: 'all',
        limit: STRIPE_PAGE_MAX,
        ...(startingAfter ? { starting_after: startingAfter } : {}),
      });
      subscriptions.push(...list.data);
      startingAfter = list.data[list.data.length - 1]?.id;
      if (!list.has_more || !startingAfter)
        return subscriptions.map((s) => toSubscription(s, this.origin(call)));
    }
    this.logger.warn(
      { connectionId: call.connectionId, returned: subscriptions.length },
      'Stripe customer has more subscriptions than are listed; the rest were not fetched',
    );
    return subscriptions.map((s) => toSubscription(s, this.origin(call)));
  }

  override async getSubscription(call: ProviderCall, subscriptionId: string): Promise<Subscription> {
    return toSubscription(await this.ownedSubscription(call, subscriptionId), this.origin(call));
  }

  override async changeSubscription(
    call: ProviderCall,
    subscriptionId: string,
    change: SubscriptionChange,
  ): Promise<Subscription> {
    if (change.seats === undefined && change.plan === undefined) {
      throw GatewayError.validation([{ field: 'seats', message: 'give seats, plan or both' }]);
    }
    const current = await this.ownedSubscription(call, subscriptionId);
    const firstItem = current.items?.data?.[0];
    if (!firstItem) {
      throw new GatewayError(
        ErrorType.UnprocessableEntity,
        `Stripe subscription ${subscriptionId} has no items whose seats or plan could change.`,
      );
    }
    const params = toSubscriptionUpdateParams(firstItem.id, change);
    return toSubscription(await this.client.updateSubscription(call, current.id, params), this.origin(call));
  }

  override async cancelSubscription(
    call: ProviderCall,
    subscriptionId: string,
    options: { atPeriodEnd: boolean },
  ): Promise<Subscription> {
    const current = await this.ownedSubscription(call, subscriptionId);
    const canceled = options.atPeriodEnd
      ? await this.client.updateSubscription(call, current.id, { cancel_at_period_end: true })
      : await this.client.cancelSubscription(call, current.id);
    return toSubscription(canceled, this.origin(call));
  }

  override async listInvoices(call: ProviderCall, query: InvoiceQuery): Promise<Page<Invoice>> {
    const stripeQuery = toInvoiceListQuery(accountOf(call).customerId, query);
    if (!stripeQuery) return { data: [], hasMore: false, nextCursor: null };
    return toInvoicePage(await this.client.listInvoices(call, stripeQuery), this.origin(call));
  }

  override async getInvoice(call: ProviderCall, invoiceId: string): Promise<Invoice> {
    return toInvoice(await this.ownedInvoice(call, invoiceId), this.origin(call));
  }

  override async getInvoicePdfLink(call: ProviderCall, invoiceId: string): Promise<DownloadLink> {
    const invoice = await this.ownedInvoice(call, invoiceId);
    if (!invoice.invoice_pdf) {
      // Stripe renders the PDF when the invoice is finalized; a draft has none.
      throw new GatewayError(
        ErrorType.ProviderResourceNotFound,
        `Stripe invoice ${invoice.id} has no PDF yet (draft); it gets one when finalized.`,
        { extensions: { provider: this.id, upstreamStatus: null, retryable: false } },
      );
    }
    // Stripe's invoice_pdf links do not state an expiry.
    return { url: invoice.invoice_pdf, expiresAt: null };
  }

  override async verifyCredentials(call: ProviderCall): Promise<CredentialCheck> {
    try {
      const customer = await this.client.retrieveCustomer(call, accountOf(call).customerId);
      const deleted = 'deleted' in customer && customer.deleted;
      return {
        ok: true,
        checkedWith: CUSTOMER_READ,
        detail: deleted ? `The key works, but customer ${customer.id} is deleted.` : null,
      };
    } catch (error) {
      if (error instanceof GatewayError && error.type === ErrorType.ProviderAuthenticationFailed)
        return { ok: false, checkedWith: CUSTOMER_READ, detail: error.detail };
      throw error;
    }
  }

  override callNative(
    call: ProviderCall,
    operation: NativeOperation,
    input: NativeInput,
  ): Promise<NativeResult> {
    return this.client.callOperation(call, operation, input);
  }

  private async ownedSubscription(call: ProviderCall, subscriptionId: string): Promise<StripeSubscription> {
    const subscription = await this.client.retrieveSubscription(call, subscriptionId);
    if (idOf(subscription.customer) !== accountOf(call).customerId) throw notFound();
    return subscription;
  }

  private async ownedInvoice(call: ProviderCall, invoiceId: string): Promise<StripeInvoice> {
    const invoice = await this.client.retrieveInvoice(call, invoiceId);
    if (idOf(invoice.customer) !== accountOf(call).customerId) throw notFound();
    return invoice;
  }

  private origin(call: ProviderCall): ResourceOrigin {
    return { provider: this.id, connectionId: call.connectionId };
  }
}

/** Another customer's object is answered exactly like Stripe answers a missing one. */
const notFound = (): GatewayError => upstreamError(ProviderId.stripe, { kind: 'http', status: 404 });
