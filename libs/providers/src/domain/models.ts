import type { ProviderId } from '../provider-id';
import type { Money } from './money';
import type { BillingAccountStatus, InvoiceStatus, SubscriptionStatus } from './status';

/**
 * The normalized resources, one shape whatever the provider. Every resource names its provider and
 * connection; timestamps are ISO 8601 UTC strings; a field the provider cannot fill is null.
 */
/**
 * Mappers of polled resources (accounts, subscriptions, invoices) and of portal sessions copy
 * these two fields one by one rather than spreading the origin: on Node 20, an object literal that
 * starts with a spread gets a hidden class of its own each time, so every later field is a slow
 * store (~6 µs for an invoice, measured). A poll maps dozens of resources twice (adapter, then
 * normalize), and the portal session is the gateway's hottest route.
 */
export interface ResourceOrigin {
  provider: ProviderId;
  connectionId: string;
}

export interface BillingAccount extends ResourceOrigin {
  /** The account's id at the provider (Stripe customer, Qovery external id, ...). */
  id: string;
  name: string | null;
  email: string | null;
  plan: string | null;
  status: BillingAccountStatus;
  providerStatus: string | null;
  /** Whether the provider considers billing set up and valid. */
  billingEnabled: boolean | null;
  /** Provider identifiers of the account, e.g. `{customerId}` or `{organizationId, billingExternalId}`. */
  raw: Record<string, string | null>;
}

export interface BillingDetailsInput {
  firstName: string;
  lastName: string;
  email: string;
  address: string;
  city: string;
  zip: string;
  countryCode: string;
  state?: string;
  company?: string;
  vatNumber?: string;
}

export interface PortalSession extends ResourceOrigin {
  url: string;
  expiresAt: string | null;
}

export interface SubscriptionItem {
  id: string;
  price: string | null;
  quantity: number | null;
}

export interface Subscription extends ResourceOrigin {
  id: string;
  status: SubscriptionStatus;
  providerStatus: string | null;
  plan: string | null;
  seats: number | null;
  cancelAtPeriodEnd: boolean | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  canceledAt: string | null;
  createdAt: string | null;
  items: SubscriptionItem[];
}

export interface SubscriptionChange {
  seats?: number;
  plan?: string;
}

export interface CheckoutLink extends ResourceOrigin {
  url: string;
  expiresAt: string | null;
}

export interface Invoice extends ResourceOrigin {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  providerStatus: string | null;
  total: Money | null;
  amountDue: Money | null;
  amountPaid: Money | null;
  createdAt: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  hostedUrl: string | null;
}

export interface InvoiceQuery {
  limit: number;
  /** Opaque provider-level cursor handed back from the previous page. */
  cursor?: string;
  status?: InvoiceStatus;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface DownloadLink {
  url: string;
  expiresAt: string | null;
}

export interface UsageReportRequest {
  from: string;
  to: string;
  expiresInSeconds: number;
}

export interface UsageReportLink extends DownloadLink {
  /** Upstream URL to call (DELETE) once the report is fetched, when the provider offers one. */
  deleteUrl: string | null;
}

export interface CurrentCost extends ResourceOrigin {
  plan: string | null;
  total: Money | null;
  renewalAt: string | null;
  remainingTrialDays: number | null;
}

export interface CostRange extends ResourceOrigin {
  clusterId: string;
  min: Money | null;
  max: Money | null;
}

export interface PaymentMethod extends ResourceOrigin {
  id: string;
  type: 'card';
  brand: string | null;
  last4: string | null;
  expiryMonth: number | null;
  expiryYear: number | null;
  expired: boolean | null;
  createdAt: string | null;
}

/** Card data passes straight through to the provider; never stored or logged. */
export interface NewCard {
  number: string;
  cvv: string;
  expiryMonth: number;
  expiryYear: number;
}

export interface CredentialCheck {
  ok: boolean;
  /** What was called to check, e.g. `GET /v1/customers/{customer}`. */
  checkedWith: string;
  detail: string | null;
}
