/**
 * Qovery's wire format, typed from libs/providers/contracts/qovery.openapi.json (schema names in
 * comments). Response fields are optional where the spec does not require them: the adapter must
 * not crash when one is missing, it maps it to null instead.
 */

/** PlanEnum (FREE, BUSINESS and PROFESSIONAL are deprecated upstream). Kept open: new plans appear. */
export type QoveryPlan = string;

/** InvoiceStatusEnum: the values of Chargebee, which Qovery bills through. */
export type QoveryInvoiceStatus =
  'NOT_PAID' | 'PAID' | 'PAYMENT_DUE' | 'PENDING' | 'POSTED' | 'UNKNOWN' | 'VOIDED';

/** BillingExternalId */
export interface QoveryBillingExternalId {
  id?: string;
}

/** BillingInfo: every field nullable. */
export interface QoveryBillingInfo {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  address?: string | null;
  city?: string | null;
  zip?: string | null;
  state?: string | null;
  country_code?: string | null;
  company?: string | null;
  vat_number?: string | null;
}

/** BillingInfoRequest */
export interface QoveryBillingInfoRequest {
  first_name: string;
  last_name: string;
  email: string;
  address: string;
  city: string;
  zip: string;
  country_code: string;
  state?: string;
  company?: string;
  vat_number?: string;
}

/** BillingStatus */
export interface QoveryBillingStatus {
  is_valid?: boolean;
  message?: string;
}

/** Cost: `total` is a float; the adapter reads `total_in_cents`. */
export interface QoveryCost {
  total_in_cents?: number;
  total?: number;
  currency_code?: string;
}

/** OrganizationCurrentCost (= CurrentCost) */
export interface QoveryCurrentCost {
  plan?: QoveryPlan;
  remaining_trial_day?: number;
  renewal_at?: string | null;
  cost?: QoveryCost;
}

/** CostRange */
export interface QoveryCostRange {
  min_cost_in_cents?: number;
  min_cost?: number;
  max_cost_in_cents?: number;
  max_cost?: number;
  currency_code?: string;
}

/** Invoice (Cost + id, created_at, status) */
export interface QoveryInvoice extends QoveryCost {
  id: string;
  created_at?: string;
  status?: QoveryInvoiceStatus | string;
}

/** InvoiceResponseList */
export interface QoveryInvoiceList {
  results?: QoveryInvoice[];
}

/** Link: what `GET invoice/{invoiceId}/download` is typed as upstream; only `url` matters. */
export interface QoveryLink {
  url?: string;
}

/** CreditCard */
export interface QoveryCreditCard {
  id: string;
  created_at?: string;
  expiry_month?: number;
  expiry_year?: number;
  last_digit?: string;
  is_expired?: boolean;
  brand?: string;
}

/** CreditCardResponseList */
export interface QoveryCreditCardList {
  results?: QoveryCreditCard[];
}

/** CreditCardRequest. Card data only ever passes through in this body; it is never logged or kept. */
export interface QoveryCreditCardRequest {
  number: string;
  cvv: string;
  expiry_month: number;
  expiry_year: number;
}

/** OrganizationBillingUsageReportRequest */
export interface QoveryUsageReportRequest {
  from: string;
  to: string;
  report_expiration_in_seconds: number;
}

/** OrganizationBillingUsageReportResponse */
export interface QoveryUsageReportResponse {
  report_url?: string;
  delete_report_url?: string;
}

/** Organization, reduced to the plan fields the adapter reads after changePlan. */
export interface QoveryOrganization {
  id?: string;
  plan?: QoveryPlan;
  organization_plan?: { plan?: QoveryPlan };
}
