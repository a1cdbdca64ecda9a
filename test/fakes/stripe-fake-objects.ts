/**
 * Complete Stripe objects of API version 2023-08-16 for the fake: every field the contract's
 * schema requires (customer, price, subscription, subscription_item, invoice,
 * billing_portal.session, billing_portal.configuration), so responses validate against
 * libs/providers/contracts/stripe.openapi.json.
 */
export type StripeObject = Record<string, unknown> & { id: string };

const list = (url: string, data: unknown[]) => ({ object: 'list', data, has_more: false, url });

export function customerObject(id: string, name: string, email: string, created: number): StripeObject {
  return {
    id,
    object: 'customer',
    created,
    livemode: false,
    name,
    email,
    delinquent: false,
    currency: 'usd',
    balance: 0,
    description: null,
    metadata: {},
    preferred_locales: [],
    tax_exempt: 'none',
  };
}

export const deletedCustomerObject = (id: string): StripeObject => ({
  id,
  object: 'customer',
  deleted: true,
});

export function priceObject(id: string, unitAmount: number, created: number): StripeObject {
  return {
    id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: 'usd',
    livemode: false,
    metadata: {},
    product: `prod_${id.slice('price_'.length)}`,
    type: 'recurring',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
    recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed', aggregate_usage: null },
  };
}

export function subscriptionItemObject(
  id: string,
  subscription: string,
  price: StripeObject,
  quantity: number,
  created: number,
): StripeObject {
  return { id, object: 'subscription_item', created, metadata: {}, price, quantity, subscription };
}

export function subscriptionObject(input: {
  id: string;
  customer: string;
  status: string;
  items: StripeObject[];
  created: number;
  periodStart: number;
  periodEnd: number;
}): StripeObject {
  return {
    id: input.id,
    object: 'subscription',
    automatic_tax: { enabled: false },
    billing_cycle_anchor: input.periodStart,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    collection_method: 'charge_automatically',
    created: input.created,
    currency: 'usd',
    current_period_end: input.periodEnd,
    current_period_start: input.periodStart,
    customer: input.customer,
    ended_at: null,
    items: list(`/v1/subscription_items?subscription=${input.id}`, input.items),
    livemode: false,
    metadata: {},
    start_date: input.created,
    status: input.status,
  };
}

export function invoiceObject(input: {
  id: string;
  customer: string;
  status: string;
  number: string | null;
  total: number;
  created: number;
  currency?: string;
}): StripeObject {
  const paid = input.status === 'paid';
  const finalized = input.status !== 'draft';
  return {
    id: input.id,
    object: 'invoice',
    amount_due: input.total,
    amount_paid: paid ? input.total : 0,
    amount_remaining: paid ? 0 : input.total,
    amount_shipping: 0,
    attempt_count: paid ? 1 : 0,
    attempted: paid,
    automatic_tax: { enabled: false, status: null },
    collection_method: 'charge_automatically',
    created: input.created,
    currency: input.currency ?? 'usd',
    customer: input.customer,
    default_tax_rates: [],
    hosted_invoice_url: finalized ? `https://invoice.stripe.com/i/acct_fake/${input.id}` : null,
    invoice_pdf: finalized ? `https://pay.stripe.com/invoice/acct_fake/${input.id}/pdf` : null,
    lines: list(`/v1/invoices/${input.id}/lines`, []),
    livemode: false,
    number: input.number,
    paid,
    paid_out_of_band: false,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: input.created,
    period_start: input.created - 30 * 86_400,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    starting_balance: 0,
    status: input.status,
    status_transitions: {
      finalized_at: finalized ? input.created : null,
      marked_uncollectible_at: null,
      paid_at: paid ? input.created : null,
      voided_at: null,
    },
    subtotal: input.total,
    total: input.total,
    total_tax_amounts: [],
  };
}

export function portalFeatures(enabled: Partial<Record<string, boolean>> = {}): Record<string, unknown> {
  return {
    customer_update: { allowed_updates: [], enabled: enabled.customer_update ?? false },
    invoice_history: { enabled: enabled.invoice_history ?? false },
    payment_method_update: { enabled: enabled.payment_method_update ?? false },
    subscription_cancel: {
      cancellation_reason: { enabled: false, options: [] },
      enabled: enabled.subscription_cancel ?? false,
      mode: 'at_period_end',
      proration_behavior: 'none',
    },
    subscription_pause: { enabled: enabled.subscription_pause ?? false },
    subscription_update: {
      default_allowed_updates: [],
      enabled: enabled.subscription_update ?? false,
      products: [],
      proration_behavior: 'none',
    },
  };
}

export function portalConfigurationObject(input: {
  id: string;
  isDefault: boolean;
  created: number;
  features?: Record<string, unknown>;
  headline?: string | null;
}): StripeObject {
  return {
    id: input.id,
    object: 'billing_portal.configuration',
    active: true,
    application: null,
    business_profile: {
      headline: input.headline ?? null,
      privacy_policy_url: null,
      terms_of_service_url: null,
    },
    created: input.created,
    default_return_url: null,
    features: input.features ?? portalFeatures(),
    is_default: input.isDefault,
    livemode: false,
    login_page: { enabled: false, url: null },
    metadata: {},
    updated: input.created,
  };
}

export function portalSessionObject(input: {
  id: string;
  customer: string;
  configuration: string;
  returnUrl: string | null;
  locale: string | null;
  created: number;
}): StripeObject {
  return {
    id: input.id,
    object: 'billing_portal.session',
    configuration: input.configuration,
    created: input.created,
    customer: input.customer,
    flow: null,
    livemode: false,
    locale: input.locale,
    on_behalf_of: null,
    return_url: input.returnUrl,
    url: `https://billing.stripe.com/p/session/test_${input.id.slice('bps_'.length)}`,
  };
}
