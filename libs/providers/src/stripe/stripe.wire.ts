/**
 * Stripe wire shapes of API version 2023-08-16, as in libs/providers/contracts/stripe.openapi.json
 * (only the fields the adapter reads; the SDK's own typings describe the newest API version, where
 * e.g. `current_period_start` no longer exists on subscriptions, so they are not used here).
 * Timestamps are unix seconds; amounts are integers in the currency's minor unit.
 */

export type StripeExpandable<T extends { id: string }> = string | T;

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export interface StripeCustomer {
  object: 'customer';
  id: string;
  name?: string | null;
  email?: string | null;
  delinquent?: boolean | null;
  created: number;
  livemode: boolean;
}

export interface StripeDeletedCustomer {
  object: 'customer';
  id: string;
  deleted: true;
}

export type StripeCustomerOrDeleted = StripeCustomer | StripeDeletedCustomer;

export interface StripePrice {
  object: 'price';
  id: string;
}

export interface StripeSubscriptionItem {
  object: 'subscription_item';
  id: string;
  price: StripeExpandable<StripePrice>;
  quantity?: number | null;
}

export type StripeSubscriptionStatus =
  'active' | 'canceled' | 'incomplete' | 'incomplete_expired' | 'past_due' | 'paused' | 'trialing' | 'unpaid';

export interface StripeSubscription {
  object: 'subscription';
  id: string;
  customer: StripeExpandable<{ id: string }>;
  status: StripeSubscriptionStatus;
  items: StripeList<StripeSubscriptionItem>;
  cancel_at_period_end: boolean;
  canceled_at?: number | null;
  created: number;
  current_period_start: number;
  current_period_end: number;
}

export type StripeInvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface StripeInvoice {
  object: 'invoice';
  id: string;
  customer: StripeExpandable<{ id: string }> | null;
  number?: string | null;
  status?: StripeInvoiceStatus | null;
  currency: string;
  total: number;
  amount_due: number;
  amount_paid: number;
  created: number;
  period_start: number;
  period_end: number;
  hosted_invoice_url?: string | null;
  invoice_pdf?: string | null;
}

export interface StripePortalSession {
  object: 'billing_portal.session';
  id: string;
  url: string;
  customer: string;
  /** Not part of 2023-08-16; read only if a later API version ever sends it. */
  expires_at?: number | null;
}

/** `{error: {...}}`, the body of every non-2xx answer; only `type` is required. */
export interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | string;
  code?: string;
  param?: string;
  message?: string;
}

/** The operationIds of the contract, verbatim. */
export const STRIPE_OPERATIONS = {
  listPortalConfigurations: 'GetBillingPortalConfigurations',
  createPortalConfiguration: 'PostBillingPortalConfigurations',
  getPortalConfiguration: 'GetBillingPortalConfigurationsConfiguration',
  updatePortalConfiguration: 'PostBillingPortalConfigurationsConfiguration',
  createPortalSession: 'PostBillingPortalSessions',
  getCustomer: 'GetCustomersCustomer',
  listSubscriptions: 'GetSubscriptions',
  getSubscription: 'GetSubscriptionsSubscriptionExposedId',
  updateSubscription: 'PostSubscriptionsSubscriptionExposedId',
  cancelSubscription: 'DeleteSubscriptionsSubscriptionExposedId',
  listInvoices: 'GetInvoices',
  getInvoice: 'GetInvoicesInvoice',
} as const;
