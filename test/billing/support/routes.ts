import type { Provider } from './billing-world';
import { APP_ORIGIN } from './billing-world';

/**
 * Every provider-backed route of the normalized API with a valid request, the capability it
 * needs and which providers offer it (the capability matrix, stated here independently of
 * the adapters so a disagreement fails a test). Ids are placeholders: a 501 is decided before any
 * upstream call, so they are never looked up.
 */
export interface BillingRoute {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: Record<string, unknown>;
  capability: string;
  supportedBy: Provider[];
}

const UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export const BILLING_ROUTES: BillingRoute[] = [
  {
    name: 'get billing account',
    method: 'get',
    path: '/v1/billing-account',
    capability: 'get_billing_account',
    supportedBy: ['stripe', 'qovery', 'prefect', 'ampersand'],
  },
  {
    name: 'update billing details',
    method: 'put',
    path: '/v1/billing-account/details',
    body: {
      firstName: 'J',
      lastName: 'D',
      email: 'j@d.example',
      address: 'a',
      city: 'c',
      zip: '1',
      countryCode: 'US',
    },
    capability: 'update_billing_details',
    supportedBy: ['qovery'],
  },
  {
    name: 'portal session',
    method: 'post',
    path: '/v1/portal-session',
    body: { returnUrl: `${APP_ORIGIN}/billing` },
    capability: 'create_portal_session',
    supportedBy: ['stripe', 'prefect', 'ampersand'],
  },
  {
    name: 'list subscriptions',
    method: 'get',
    path: '/v1/subscriptions',
    capability: 'list_subscriptions',
    supportedBy: ['stripe', 'qovery', 'prefect'],
  },
  {
    name: 'get subscription',
    method: 'get',
    path: `/v1/subscriptions/${UUID}`,
    capability: 'get_subscription',
    supportedBy: ['stripe', 'qovery', 'prefect'],
  },
  {
    name: 'change seats',
    method: 'patch',
    path: `/v1/subscriptions/${UUID}`,
    body: { seats: 4 },
    capability: 'change_seats',
    supportedBy: ['stripe', 'prefect'],
  },
  {
    name: 'change plan',
    method: 'patch',
    path: `/v1/subscriptions/${UUID}`,
    body: { plan: 'TEAM' },
    capability: 'change_plan',
    supportedBy: ['stripe', 'qovery'],
  },
  {
    name: 'cancel at period end',
    method: 'post',
    path: `/v1/subscriptions/${UUID}/cancel`,
    body: { atPeriodEnd: true },
    capability: 'cancel_subscription_at_period_end',
    supportedBy: ['stripe', 'prefect'],
  },
  {
    name: 'cancel now',
    method: 'post',
    path: `/v1/subscriptions/${UUID}/cancel`,
    body: { atPeriodEnd: false },
    capability: 'cancel_subscription_now',
    supportedBy: ['stripe'],
  },
  {
    name: 'checkout session',
    method: 'post',
    path: '/v1/checkout-session',
    body: { plan: 'PRO' },
    capability: 'create_checkout_link',
    supportedBy: ['prefect'],
  },
  {
    name: 'list invoices',
    method: 'get',
    path: '/v1/invoices',
    capability: 'list_invoices',
    supportedBy: ['stripe', 'qovery'],
  },
  {
    name: 'get invoice',
    method: 'get',
    path: `/v1/invoices/${UUID}`,
    capability: 'get_invoice',
    supportedBy: ['stripe', 'qovery'],
  },
  {
    name: 'invoice pdf',
    method: 'get',
    path: `/v1/invoices/${UUID}/pdf`,
    capability: 'get_invoice_pdf_link',
    supportedBy: ['stripe', 'qovery'],
  },
  {
    name: 'current cost',
    method: 'get',
    path: '/v1/costs/current',
    capability: 'get_current_cost',
    supportedBy: ['qovery'],
  },
  {
    name: 'cluster cost',
    method: 'get',
    path: `/v1/costs/clusters/${UUID}`,
    capability: 'get_cluster_cost',
    supportedBy: ['qovery'],
  },
  {
    name: 'list payment methods',
    method: 'get',
    path: '/v1/payment-methods',
    capability: 'list_payment_methods',
    supportedBy: ['qovery'],
  },
  {
    name: 'add payment method',
    method: 'post',
    path: '/v1/payment-methods',
    body: { number: '4242424242424242', cvv: '123', expiryMonth: 12, expiryYear: 2030 },
    capability: 'add_payment_method',
    supportedBy: ['qovery'],
  },
  {
    name: 'remove payment method',
    method: 'delete',
    path: `/v1/payment-methods/${UUID}`,
    capability: 'remove_payment_method',
    supportedBy: ['qovery'],
  },
  {
    name: 'redeem credit code',
    method: 'post',
    path: '/v1/credits',
    body: { code: 'WELCOME-100' },
    capability: 'redeem_credit_code',
    supportedBy: ['qovery'],
  },
];

/** Routes that take no provider call: listed so auth tests cover every tenant route. */
export const LOCAL_ROUTES: Array<Pick<BillingRoute, 'name' | 'method' | 'path' | 'body'>> = [
  { name: 'capabilities', method: 'get', path: '/v1/capabilities' },
  { name: 'client tokens', method: 'post', path: '/v1/client-tokens', body: { scope: 'portal-session' } },
  { name: 'current tenant', method: 'get', path: '/v1/tenant' },
];

/** A route's request on one connection: `connectionId` in the query for reads, in the body for writes. */
export function requestOn(route: Pick<BillingRoute, 'method' | 'path' | 'body'>, connectionId?: string) {
  const reads = route.method === 'get' || route.method === 'delete';
  const query = reads && connectionId ? `?connectionId=${connectionId}` : '';
  const body = reads ? undefined : { ...route.body, ...(connectionId ? { connectionId } : {}) };
  return { method: route.method, url: `${route.path}${query}`, body };
}
