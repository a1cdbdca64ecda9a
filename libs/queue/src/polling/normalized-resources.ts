import type {
  BillingAccount,
  Invoice,
  Money,
  ResolvedConnection,
  ResourceOrigin,
  Subscription,
} from '@app/providers';

/**
 * The normalized bodies of the resources the gateway both serves live (apps/api billing routes)
 * and polls (apps/worker). Both sides map through these functions, so a snapshot is exactly the
 * body a live read returns, a `?cached=true` read is indistinguishable from a live one, and a
 * change event's `data` has the same shape as the route's response.
 */

/**
 * Where a resource came from, taken from the resolved connection rather than from the adapter's
 * output, so every response names the connection it was really read from.
 */
export const originOf = (resolved: ResolvedConnection): ResourceOrigin => ({
  provider: resolved.adapter.id,
  connectionId: resolved.connection.id,
});

/** What toISOString writes (and the adapters send): `YYYY-MM-DDTHH:mm:ss.sssZ`. */
const TO_ISO_STRING_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** ISO 8601 UTC, or null for absent or unparseable values (never "Invalid Date"). */
export function isoOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  // Formatting again costs twice the parse, for every timestamp of every poll, and gives back the
  // same string when it already has the form, unless the date rolled over (Feb 30 or 24:00 are
  // parsed as the next day, whose day of the month differs).
  const formatted =
    TO_ISO_STRING_FORM.test(value) && new Date(time).getUTCDate() === Number(value.slice(8, 10));
  return formatted ? value : new Date(time).toISOString();
}

export const moneyOrNull = (value: Money | null | undefined): Money | null =>
  value ? { amount: value.amount, currency: value.currency } : null;

export const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

export function normalizeBillingAccount(account: BillingAccount, origin: ResourceOrigin): BillingAccount {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: account.id,
    name: orNull(account.name),
    email: orNull(account.email),
    plan: orNull(account.plan),
    status: account.status,
    providerStatus: orNull(account.providerStatus),
    billingEnabled: orNull(account.billingEnabled),
    raw: account.raw ?? {},
  };
}

export function normalizeSubscription(subscription: Subscription, origin: ResourceOrigin): Subscription {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: subscription.id,
    status: subscription.status,
    providerStatus: orNull(subscription.providerStatus),
    plan: orNull(subscription.plan),
    seats: orNull(subscription.seats),
    cancelAtPeriodEnd: orNull(subscription.cancelAtPeriodEnd),
    currentPeriodStart: isoOrNull(subscription.currentPeriodStart),
    currentPeriodEnd: isoOrNull(subscription.currentPeriodEnd),
    canceledAt: isoOrNull(subscription.canceledAt),
    createdAt: isoOrNull(subscription.createdAt),
    items: (subscription.items ?? []).map((item) => ({
      id: item.id,
      price: orNull(item.price),
      quantity: orNull(item.quantity),
    })),
  };
}

export function normalizeInvoice(invoice: Invoice, origin: ResourceOrigin): Invoice {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: invoice.id,
    number: orNull(invoice.number),
    status: invoice.status,
    providerStatus: orNull(invoice.providerStatus),
    total: moneyOrNull(invoice.total),
    amountDue: moneyOrNull(invoice.amountDue),
    amountPaid: moneyOrNull(invoice.amountPaid),
    createdAt: isoOrNull(invoice.createdAt),
    periodStart: isoOrNull(invoice.periodStart),
    periodEnd: isoOrNull(invoice.periodEnd),
    hostedUrl: orNull(invoice.hostedUrl),
  };
}
