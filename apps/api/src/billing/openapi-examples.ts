/**
 * Response examples per provider for the Swagger document: the same normalized shape whatever the
 * provider, with the fields each one cannot fill set to null. Values are illustrative.
 */
import { EXAMPLE_CONNECTION_ID as connectionId } from './common/resource.dto';

const QOVERY_ORG = '5e0a9b3c-2f5d-4a5e-9d8e-1f2a3b4c5d6e';
const PREFECT_ACCOUNT = '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d';
const usd = (amount: number) => ({ amount, currency: 'USD' });

export const BILLING_ACCOUNT_EXAMPLES = {
  stripe: {
    provider: 'stripe',
    connectionId,
    id: 'cus_NffrFeUfNV2Hib',
    name: 'Acme Corp',
    email: 'billing@acme.com',
    plan: null,
    status: 'active',
    providerStatus: null,
    billingEnabled: null,
    raw: { customerId: 'cus_NffrFeUfNV2Hib' },
  },
  qovery: {
    provider: 'qovery',
    connectionId,
    id: 'b1e4c2a0-55aa-4c1e-9d3a-0f3f7a9b2c11',
    name: 'Jane Doe',
    email: 'billing@acme.com',
    plan: 'TEAM',
    status: 'active',
    providerStatus: 'valid',
    billingEnabled: true,
    raw: { organizationId: QOVERY_ORG, billingExternalId: 'b1e4c2a0-55aa-4c1e-9d3a-0f3f7a9b2c11' },
  },
  prefect: {
    provider: 'prefect',
    connectionId,
    id: PREFECT_ACCOUNT,
    name: null,
    email: null,
    plan: 'PRO',
    status: 'active',
    providerStatus: null,
    billingEnabled: true,
    raw: { accountId: PREFECT_ACCOUNT, stripeCustomerId: 'cus_PrefectCust01' },
  },
  ampersand: {
    provider: 'ampersand',
    connectionId,
    id: 'ba_123',
    name: 'Acme Corp',
    email: null,
    plan: null,
    status: 'unknown',
    providerStatus: null,
    billingEnabled: null,
    raw: { orgId: 'org_1', billingProvider: 'stripe', billingProviderRef: 'acct_1MrnZsLkdIwHu7ix' },
  },
};

export const PORTAL_SESSION_EXAMPLES = {
  stripe: {
    url: 'https://billing.stripe.com/p/session/test_YWNjdF8xTXJuWnNMa2RJd0h1N2l4',
    provider: 'stripe',
    connectionId,
    expiresAt: null,
  },
  prefect: {
    url: 'https://billing.stripe.com/p/session/live_YWNjdF9wcmVmZWN0',
    provider: 'prefect',
    connectionId,
    expiresAt: null,
  },
  ampersand: {
    url: 'https://billing.withampersand.com/session/ps_9f3e2d4c',
    provider: 'ampersand',
    connectionId,
    expiresAt: '2026-11-21T10:30:00.000Z',
  },
};

const subscription = {
  connectionId,
  status: 'active',
  cancelAtPeriodEnd: false,
  canceledAt: null,
};

export const SUBSCRIPTION_EXAMPLES = {
  stripe: {
    ...subscription,
    provider: 'stripe',
    id: 'sub_1MowQVLkdIwHu7ixeRlqHVzs',
    providerStatus: 'active',
    plan: 'price_1MowQULkdIwHu7ixraBm864M',
    seats: 5,
    currentPeriodStart: '2026-11-01T00:00:00.000Z',
    currentPeriodEnd: '2026-12-01T00:00:00.000Z',
    createdAt: '2026-03-01T09:12:44.000Z',
    items: [{ id: 'si_NcLYdDxLHxlFo7', price: 'price_1MowQULkdIwHu7ixraBm864M', quantity: 5 }],
  },
  qovery: {
    ...subscription,
    provider: 'qovery',
    id: QOVERY_ORG,
    providerStatus: null,
    plan: 'TEAM',
    seats: null,
    cancelAtPeriodEnd: null,
    currentPeriodStart: null,
    currentPeriodEnd: '2026-12-01T00:00:00.000Z',
    createdAt: null,
    items: [],
  },
  prefect: {
    ...subscription,
    provider: 'prefect',
    id: PREFECT_ACCOUNT,
    providerStatus: null,
    plan: 'PRO',
    seats: 12,
    currentPeriodStart: null,
    currentPeriodEnd: null,
    createdAt: null,
    items: [],
  },
};

const invoice = { connectionId, number: null, periodStart: null, periodEnd: null, hostedUrl: null };

export const INVOICE_EXAMPLES = {
  stripe: {
    ...invoice,
    provider: 'stripe',
    id: 'in_1NqK2bLkdIwHu7ix',
    number: 'ACME-0042',
    status: 'paid',
    providerStatus: 'paid',
    total: usd(4900),
    amountDue: usd(4900),
    amountPaid: usd(4900),
    createdAt: '2026-11-01T00:00:03.000Z',
    periodStart: '2026-10-01T00:00:00.000Z',
    periodEnd: '2026-11-01T00:00:00.000Z',
    hostedUrl: 'https://invoice.stripe.com/i/acct_1MrnZs/test_YWNjdF8x',
  },
  qovery: {
    ...invoice,
    provider: 'qovery',
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    status: 'open',
    providerStatus: 'PAYMENT_DUE',
    total: usd(29900),
    amountDue: null,
    amountPaid: null,
    createdAt: '2026-11-01T00:00:00.000Z',
  },
};

export const INVOICE_PAGE_EXAMPLES = {
  stripe: { data: [INVOICE_EXAMPLES.stripe], nextCursor: 'eyJjIjoiMDE5M2ExZjIi...Q.5mZ3c2Vw', hasMore: true },
  qovery: { data: [INVOICE_EXAMPLES.qovery], nextCursor: null, hasMore: false },
};

export const INVOICE_PDF_EXAMPLES = {
  stripe: {
    url: 'https://pay.stripe.com/invoice/acct_1MrnZs/test_YWNjdF8x/pdf',
    expiresAt: null,
    provider: 'stripe',
    connectionId,
  },
  qovery: {
    url: 'https://invoices.qovery.com/7c9e6679-7425-40de-944b-e07fc1f90ae7.pdf',
    expiresAt: null,
    provider: 'qovery',
    connectionId,
  },
};

export const CHECKOUT_EXAMPLES = {
  prefect: {
    url: 'https://checkout.stripe.com/c/pay/cs_live_a1B2c3D4',
    expiresAt: null,
    provider: 'prefect',
    connectionId,
  },
};

export const CURRENT_COST_EXAMPLES = {
  qovery: {
    provider: 'qovery',
    connectionId,
    plan: 'TEAM',
    total: usd(29900),
    renewalAt: '2026-12-01T00:00:00.000Z',
    remainingTrialDays: 0,
  },
};

export const CLUSTER_COST_EXAMPLES = {
  qovery: {
    provider: 'qovery',
    connectionId,
    clusterId: '3f1d2c4b-8a7e-4e6f-9b0a-1c2d3e4f5a6b',
    min: usd(12000),
    max: usd(18500),
  },
};

export const PAYMENT_METHOD_EXAMPLES = {
  qovery: {
    provider: 'qovery',
    connectionId,
    id: 'a3c1e5f7-9b2d-4f6a-8c0e-1a2b3c4d5e6f',
    type: 'card',
    brand: 'VISA',
    last4: '4242',
    expiryMonth: 12,
    expiryYear: 2028,
    expired: false,
    createdAt: '2026-06-14T08:00:00.000Z',
  },
};
