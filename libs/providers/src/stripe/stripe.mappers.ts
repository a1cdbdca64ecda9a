import type {
  BillingAccount,
  Invoice,
  InvoiceQuery,
  Page,
  PortalSession,
  ResourceOrigin,
  Subscription,
  SubscriptionChange,
} from '../domain/models';
import { money } from '../domain/money';
import { BillingAccountStatus, InvoiceStatus, SubscriptionStatus } from '../domain/status';
import type { StripeAccount, StripeSettings } from './stripe.connection';
import type {
  StripeCustomerOrDeleted,
  StripeExpandable,
  StripeInvoice,
  StripeList,
  StripePortalSession,
  StripeSubscription,
  StripeSubscriptionStatus,
} from './stripe.wire';

/** Stripe's limit bounds for list calls. */
export const STRIPE_PAGE_MAX = 100;

/** Unix seconds (Stripe's timestamps) to ISO 8601 UTC; absent stays null. */
export function unixToIso(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' && Number.isFinite(seconds)
    ? new Date(seconds * 1000).toISOString()
    : null;
}

/** The id of an expandable reference, whether Stripe sent the id or the expanded object. */
export function idOf(reference: StripeExpandable<{ id: string }> | null | undefined): string | null {
  if (typeof reference === 'string') return reference;
  return reference && typeof reference.id === 'string' ? reference.id : null;
}

export function toBillingAccount(customer: StripeCustomerOrDeleted, origin: ResourceOrigin): BillingAccount {
  const raw = { customerId: customer.id };
  if ('deleted' in customer && customer.deleted) {
    return {
      provider: origin.provider,
      connectionId: origin.connectionId,
      id: customer.id,
      name: null,
      email: null,
      plan: null,
      status: BillingAccountStatus.Deleted,
      providerStatus: 'deleted',
      billingEnabled: null,
      raw,
    };
  }
  const live = customer as Exclude<StripeCustomerOrDeleted, { deleted: true }>;
  // Stripe customers have no status field; `delinquent` is the only state Stripe reports.
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: live.id,
    name: live.name ?? null,
    email: live.email ?? null,
    // A customer has no plan of its own (plans live on subscriptions).
    plan: null,
    status: live.delinquent ? BillingAccountStatus.Delinquent : BillingAccountStatus.Active,
    providerStatus: live.delinquent ? 'delinquent' : null,
    // Stripe has no notion of "billing set up and valid" for a customer.
    billingEnabled: null,
    raw,
  };
}

export function toPortalSessionParams(
  account: StripeAccount,
  settings: StripeSettings,
  input: { returnUrl: string; locale?: string },
): Record<string, string> {
  return {
    customer: account.customerId,
    return_url: input.returnUrl,
    ...(settings.portalConfigurationId ? { configuration: settings.portalConfigurationId } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
  };
}

/** Portal sessions are short-lived but 2023-08-16 states no expiry: null unless Stripe sends one. */
export function toPortalSession(session: StripePortalSession, origin: ResourceOrigin): PortalSession {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    url: session.url,
    expiresAt: unixToIso(session.expires_at),
  };
}

/**
 * Stripe subscription statuses. `incomplete` (first payment pending, up to 23 hours) is
 * incomplete; `incomplete_expired` (that payment never came; the subscription is dead and
 * cannot be revived) is canceled. The raw value stays in providerStatus.
 */
const SUBSCRIPTION_STATUS: Record<StripeSubscriptionStatus, SubscriptionStatus> = {
  active: SubscriptionStatus.Active,
  trialing: SubscriptionStatus.Trialing,
  past_due: SubscriptionStatus.PastDue,
  unpaid: SubscriptionStatus.Unpaid,
  paused: SubscriptionStatus.Paused,
  canceled: SubscriptionStatus.Canceled,
  incomplete: SubscriptionStatus.Incomplete,
  incomplete_expired: SubscriptionStatus.Canceled,
};

export function toSubscriptionStatus(status: string | null | undefined): SubscriptionStatus {
  return (status && SUBSCRIPTION_STATUS[status as StripeSubscriptionStatus]) || SubscriptionStatus.Unknown;
}

export function toSubscription(subscription: StripeSubscription, origin: ResourceOrigin): Subscription {
  const items = (subscription.items?.data ?? []).map((item) => ({
    id: item.id,
    price: idOf(item.price),
    quantity: item.quantity ?? null,
  }));
  const first = items[0];
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: subscription.id,
    status: toSubscriptionStatus(subscription.status),
    providerStatus: subscription.status ?? null,
    plan: first?.price ?? null,
    seats: first?.quantity ?? null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end ?? null,
    currentPeriodStart: unixToIso(subscription.current_period_start),
    currentPeriodEnd: unixToIso(subscription.current_period_end),
    canceledAt: unixToIso(subscription.canceled_at),
    createdAt: unixToIso(subscription.created),
    items,
  };
}

/**
 * The update that changes seats and/or plan: both act on the first item (the one `seats` and
 * `plan` are read from), named by id so Stripe changes it instead of adding an item. Proration
 * follows the account's default.
 */
export function toSubscriptionUpdateParams(
  firstItemId: string,
  change: SubscriptionChange,
): { items: Array<{ id: string; quantity?: number; price?: string }> } {
  return {
    items: [
      {
        id: firstItemId,
        ...(change.seats !== undefined ? { quantity: change.seats } : {}),
        ...(change.plan !== undefined ? { price: change.plan } : {}),
      },
    ],
  };
}

const INVOICE_STATUS: Record<string, InvoiceStatus> = {
  draft: InvoiceStatus.Draft,
  open: InvoiceStatus.Open,
  paid: InvoiceStatus.Paid,
  uncollectible: InvoiceStatus.Uncollectible,
  void: InvoiceStatus.Void,
};

export function toInvoiceStatus(status: string | null | undefined): InvoiceStatus {
  return (status && INVOICE_STATUS[status]) || InvoiceStatus.Unknown;
}

export function toInvoice(invoice: StripeInvoice, origin: ResourceOrigin): Invoice {
  // Stripe amounts are already integers in the currency's minor unit; currency is lowercase.
  const amount = (value: number | null | undefined) =>
    typeof value === 'number' && invoice.currency ? money(value, invoice.currency) : null;
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: invoice.id,
    number: invoice.number ?? null,
    status: toInvoiceStatus(invoice.status),
    providerStatus: invoice.status ?? null,
    total: amount(invoice.total),
    amountDue: amount(invoice.amount_due),
    amountPaid: amount(invoice.amount_paid),
    createdAt: unixToIso(invoice.created),
    periodStart: unixToIso(invoice.period_start),
    periodEnd: unixToIso(invoice.period_end),
    hostedUrl: invoice.hosted_invoice_url ?? null,
  };
}

/**
 * `GET /v1/invoices` query for one page of the customer's invoices. Returns undefined for a status
 * no Stripe invoice can have (`unknown`): the answer is an empty page without asking.
 */
export function toInvoiceListQuery(
  customerId: string,
  query: InvoiceQuery,
): Record<string, string | number> | undefined {
  const status = query.status === undefined ? undefined : statusFilter(query.status);
  if (status === null) return undefined;
  return {
    customer: customerId,
    limit: Math.min(STRIPE_PAGE_MAX, Math.max(1, Math.trunc(query.limit))),
    ...(query.cursor ? { starting_after: query.cursor } : {}),
    ...(status ? { status } : {}),
  };
}

function statusFilter(status: InvoiceStatus): string | null {
  const entry = Object.entries(INVOICE_STATUS).find(([, normalized]) => normalized === status);
  return entry ? entry[0] : null;
}

/** Stripe's cursor is the last object's id; the API layer signs it before handing it out. */
export function toInvoicePage(list: StripeList<StripeInvoice>, origin: ResourceOrigin): Page<Invoice> {
  const last = list.data[list.data.length - 1];
  return {
    data: list.data.map((invoice) => toInvoice(invoice, origin)),
    hasMore: list.has_more && last !== undefined,
    nextCursor: list.has_more && last ? last.id : null,
  };
}
