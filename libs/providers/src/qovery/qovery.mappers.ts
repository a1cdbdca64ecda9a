import type {
  BillingAccount,
  BillingDetailsInput,
  CostRange,
  CurrentCost,
  DownloadLink,
  Invoice,
  NewCard,
  PaymentMethod,
  ResourceOrigin,
  Subscription,
  UsageReportLink,
  UsageReportRequest,
} from '../domain/models';
import { decimalToMinorUnits, type Money, money } from '../domain/money';
import { BillingAccountStatus, InvoiceStatus, SubscriptionStatus } from '../domain/status';
import { qoveryAnsweredWithout } from './qovery.errors';
import type {
  QoveryBillingExternalId,
  QoveryBillingInfo,
  QoveryBillingInfoRequest,
  QoveryBillingStatus,
  QoveryCostRange,
  QoveryCreditCard,
  QoveryCreditCardRequest,
  QoveryCurrentCost,
  QoveryInvoice,
  QoveryLink,
  QoveryOrganization,
  QoveryUsageReportRequest,
  QoveryUsageReportResponse,
} from './qovery.wire';

/** Pure wire ⇄ domain translation for Qovery; no I/O. */

export function toIsoUtc(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const text = (value: string | null | undefined): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const integer = (value: unknown): number | null => (Number.isSafeInteger(value) ? (value as number) : null);

/**
 * Money from Qovery's `*_in_cents` integer; the float sibling (`total`, `min_cost`, ...) is only a
 * fallback, parsed exactly as a decimal. No usable currency or amount: null, never a guess.
 */
export function qoveryMoney(
  cents: number | undefined,
  decimal: number | undefined,
  currencyCode: string | undefined,
): Money | null {
  if (typeof currencyCode !== 'string' || !/^[A-Za-z]{3}$/.test(currencyCode)) return null;
  if (Number.isSafeInteger(cents)) return money(cents!, currencyCode);
  if (typeof decimal !== 'number' || !Number.isFinite(decimal)) return null;
  try {
    return money(decimalToMinorUnits(decimal, currencyCode), currencyCode);
  } catch {
    return null; // e.g. 1e-7 or more fraction digits than the currency has
  }
}

export interface QoveryAccountParts {
  organizationId: string;
  info: QoveryBillingInfo;
  status: QoveryBillingStatus;
  externalId: QoveryBillingExternalId;
  currentCost: QoveryCurrentCost;
}

/**
 * The account: billing info (who), billing status (valid or not) and the external billing id.
 * Without an external id the organization id identifies the account (it is Qovery's own id too).
 */
export function mapBillingAccount(origin: ResourceOrigin, parts: QoveryAccountParts): BillingAccount {
  const { info, status } = parts;
  const externalId = text(parts.externalId.id);
  const fullName = [text(info.first_name), text(info.last_name)].filter(Boolean).join(' ');
  const accountStatus =
    status.is_valid === true
      ? BillingAccountStatus.Active
      : status.is_valid === false
        ? BillingAccountStatus.Delinquent
        : BillingAccountStatus.Unknown;
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: externalId ?? parts.organizationId,
    name: text(info.company) ?? (fullName || null),
    email: text(info.email),
    plan: text(parts.currentCost.plan),
    status: accountStatus,
    providerStatus: text(status.message),
    billingEnabled: typeof status.is_valid === 'boolean' ? status.is_valid : null,
    raw: { organizationId: parts.organizationId, billingExternalId: externalId },
  };
}

export function toBillingInfoRequest(details: BillingDetailsInput): QoveryBillingInfoRequest {
  const request: QoveryBillingInfoRequest = {
    first_name: details.firstName,
    last_name: details.lastName,
    email: details.email,
    address: details.address,
    city: details.city,
    zip: details.zip,
    country_code: details.countryCode,
  };
  if (details.state !== undefined) request.state = details.state;
  if (details.company !== undefined) request.company = details.company;
  if (details.vatNumber !== undefined) request.vat_number = details.vatNumber;
  return request;
}

/** The plan an Organization reports (changePlan's answer); the nested organization_plan wins. */
export const planOfOrganization = (organization: QoveryOrganization): string | null =>
  text(organization.organization_plan?.plan) ?? text(organization.plan);

/**
 * Qovery has one plan per organization and no subscription object: it is exposed as a single
 * subscription whose stable id is the organization id. Trialing while trial days remain; the
 * renewal date ends the current period. Seats, items and cancellation do not exist at Qovery.
 */
export function mapSubscription(
  origin: ResourceOrigin,
  organizationId: string,
  currentCost: QoveryCurrentCost,
  plan: string | null = text(currentCost.plan),
): Subscription {
  const trialDays = integer(currentCost.remaining_trial_day);
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: organizationId,
    status: trialDays !== null && trialDays > 0 ? SubscriptionStatus.Trialing : SubscriptionStatus.Active,
    providerStatus: null,
    plan,
    seats: null,
    cancelAtPeriodEnd: null,
    currentPeriodStart: null,
    currentPeriodEnd: toIsoUtc(currentCost.renewal_at),
    canceledAt: null,
    createdAt: null,
    items: [],
  };
}

/**
 * Qovery's invoice statuses are Chargebee's: PENDING is not closed yet (draft); POSTED and
 * PAYMENT_DUE are issued and being collected (open); NOT_PAID means every collection attempt failed
 * (uncollectible); VOIDED is void. The raw value stays in providerStatus.
 */
const INVOICE_STATUS: Record<string, InvoiceStatus> = {
  PENDING: InvoiceStatus.Draft,
  POSTED: InvoiceStatus.Open,
  PAYMENT_DUE: InvoiceStatus.Open,
  NOT_PAID: InvoiceStatus.Uncollectible,
  PAID: InvoiceStatus.Paid,
  VOIDED: InvoiceStatus.Void,
  UNKNOWN: InvoiceStatus.Unknown,
};

export const mapInvoiceStatus = (status: string | undefined): InvoiceStatus =>
  (status !== undefined && INVOICE_STATUS[status]) || InvoiceStatus.Unknown;

/** Qovery invoices carry only an id, a date, a status and a total; the rest is null. */
export function mapInvoice(origin: ResourceOrigin, invoice: QoveryInvoice): Invoice {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: invoice.id,
    number: null,
    status: mapInvoiceStatus(invoice.status),
    providerStatus: text(invoice.status),
    total: qoveryMoney(invoice.total_in_cents, invoice.total, invoice.currency_code),
    amountDue: null,
    amountPaid: null,
    createdAt: toIsoUtc(invoice.created_at),
    periodStart: null,
    periodEnd: null,
    hostedUrl: null,
  };
}

/** Newest first (created_at descending, then id), undated invoices last: a stable order to page through. */
export function sortNewestFirst(invoices: readonly Invoice[]): Invoice[] {
  const time = (invoice: Invoice) => (invoice.createdAt ? Date.parse(invoice.createdAt) : -Infinity);
  return [...invoices].sort((a, b) => time(b) - time(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `GET invoice/{id}/download` is typed as a service Link upstream; only its `url` is the PDF's. */
export function mapInvoicePdfLink(link: QoveryLink): DownloadLink {
  const url = text(link.url);
  if (!url) throw qoveryAnsweredWithout('url');
  return { url, expiresAt: null };
}

export const toUsageReportRequest = (request: UsageReportRequest): QoveryUsageReportRequest => ({
  from: toIsoUtc(request.from) ?? request.from,
  to: toIsoUtc(request.to) ?? request.to,
  report_expiration_in_seconds: request.expiresInSeconds,
});

/** The report stays public for the requested seconds, counted from when Qovery answered (`now`). */
export function mapUsageReport(
  response: QoveryUsageReportResponse,
  expiresInSeconds: number,
  now: Date,
): UsageReportLink {
  const url = text(response.report_url);
  if (!url) throw qoveryAnsweredWithout('report_url');
  return {
    url,
    deleteUrl: text(response.delete_report_url),
    expiresAt: new Date(now.getTime() + expiresInSeconds * 1_000).toISOString(),
  };
}

export function mapCurrentCost(origin: ResourceOrigin, currentCost: QoveryCurrentCost): CurrentCost {
  const cost = currentCost.cost;
  return {
    ...origin,
    plan: text(currentCost.plan),
    total: cost ? qoveryMoney(cost.total_in_cents, cost.total, cost.currency_code) : null,
    renewalAt: toIsoUtc(currentCost.renewal_at),
    remainingTrialDays: integer(currentCost.remaining_trial_day),
  };
}

export const mapCostRange = (
  origin: ResourceOrigin,
  clusterId: string,
  range: QoveryCostRange,
): CostRange => ({
  ...origin,
  clusterId,
  min: qoveryMoney(range.min_cost_in_cents, range.min_cost, range.currency_code),
  max: qoveryMoney(range.max_cost_in_cents, range.max_cost, range.currency_code),
});

export const mapCreditCard = (origin: ResourceOrigin, card: QoveryCreditCard): PaymentMethod => ({
  ...origin,
  id: card.id,
  type: 'card',
  brand: text(card.brand),
  last4: text(card.last_digit),
  expiryMonth: integer(card.expiry_month),
  expiryYear: integer(card.expiry_year),
  expired: typeof card.is_expired === 'boolean' ? card.is_expired : null,
  createdAt: toIsoUtc(card.created_at),
});

/** Card data goes into the request body and nowhere else. */
export const toCreditCardRequest = (card: NewCard): QoveryCreditCardRequest => ({
  number: card.number,
  cvv: card.cvv,
  expiry_month: card.expiryMonth,
  expiry_year: card.expiryYear,
});
