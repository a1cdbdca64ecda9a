import { type BillingProvider, type ProviderCall, ProviderRegistry } from '@app/providers';
import { expectResponsesToMatchContract } from '../contract/contract-assertions';
import type { FakeResponse } from '../fakes/fake-server';
import { createStripeFake, STRIPE_FAKE } from '../fakes/stripe-fake';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { createConnection, createTenantWithKey } from '../support/fixtures';
import { closedPort } from '../support/network';
import { expectProblem } from '../support/problem';
import { rejectionOf } from '../support/gateway-error';

const call = (overrides: Partial<ProviderCall> = {}): ProviderCall => ({
  connectionId: '00000000-0000-4000-8000-0000000fa11d',
  account: { customerId: STRIPE_FAKE.customerId },
  settings: {},
  credentials: { apiKey: STRIPE_FAKE.apiKey },
  ...overrides,
});

const stripeError = (
  status: number,
  type: string,
  message: string,
  headers?: Record<string, string>,
): FakeResponse => ({
  status,
  body: { error: { type, message } },
  headers,
});
const serverError = (status: number) => stripeError(status, 'api_error', 'Something went wrong on our end.');

/** Small timeout and the default two retries, so hangs and retry budgets are quick to exercise. */
const ENV = { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_MAX_RETRIES: '2' };

describe('Stripe adapter failures (shared error table)', () => {
  const fake = createStripeFake({ invoiceCount: 5 });
  let test: TestApp;
  let stripe: BillingProvider;
  let baseUrl: string;

  const requestsTo = (method: string, pathPart: string) =>
    fake.server.requests.filter((r) => r.method === method && r.path.includes(pathPart));

  beforeAll(async () => {
    baseUrl = await fake.server.start();
    test = await createTestApp({ ...ENV, STRIPE_API_BASE_URL: baseUrl });
    stripe = test.app.get(ProviderRegistry).get('stripe');
  });

  // Every answer the fake gave, errors included, has the shape the contract documents.
  afterEach(() => {
    try {
      expectResponsesToMatchContract('stripe', fake.server.exchanges);
    } finally {
      fake.server.reset();
    }
  });

  afterAll(async () => {
    await test?.close();
    await fake.server.stop();
  });

  it('401: provider-authentication-failed (502); verifyCredentials says ok:false', async () => {
    const rejected = call({ credentials: { apiKey: 'sk_test_revokedKey9999' } });
    const error = await rejectionOf(stripe.getBillingAccount!(rejected));
    expect(error).toMatchObject({ status: 502, type: 'provider-authentication-failed' });
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 401, retryable: false });
    expect(JSON.stringify(error)).not.toContain('sk_test');
    expect(await stripe.verifyCredentials(rejected)).toMatchObject({ ok: false });
    expect(requestsTo('GET', '/v1/customers/')).toHaveLength(2);
  });

  it('403 (a restricted key without the permission): authentication failed; verifyCredentials says ok:false', async () => {
    const denied = stripeError(
      403,
      'invalid_request_error',
      "The provided key 'rk_test_****5678' does not have the required permissions for this endpoint.",
    );
    fake.server.failNext({ method: 'GET', pathIncludes: '/v1/customers/' }, denied, denied);
    const restricted = call({ credentials: { apiKey: STRIPE_FAKE.restrictedKey } });
    const error = await rejectionOf(stripe.getBillingAccount!(restricted));
    expect(error).toMatchObject({ status: 502, type: 'provider-authentication-failed' });
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 403, retryable: false });
    const check = await stripe.verifyCredentials(restricted);
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining('403') });
    expect(check.detail).not.toContain('rk_test');
  });

  it('401 over HTTP: a problem naming the provider, never the key', async () => {
    const tenant = await createTenantWithKey(test);
    const connectionId = await createConnection(test, tenant.tenantId, {
      provider: 'stripe',
      credentials: { apiKey: 'sk_test_revokedKey9999' },
      account: { customerId: STRIPE_FAKE.customerId },
    });
    const response = await test.http
      .post(`/v1/connections/${connectionId}/native/GetCustomersCustomer`)
      .set(bearer(tenant.apiKey))
      .send({});
    const problem = expectProblem(response, 502, 'provider-authentication-failed');
    expect(problem).toMatchObject({ provider: 'stripe', upstreamStatus: 401, retryable: false });
    expect(response.text).not.toContain('revokedKey');
    expect(response.text).not.toContain('Invalid API Key');
  });

  it('404: provider-resource-not-found', async () => {
    const error = await rejectionOf(stripe.getInvoice!(call(), 'in_DoesNotExist'));
    expect(error).toMatchObject({ status: 404, type: 'provider-resource-not-found' });
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 404, retryable: false });
  });

  it('400: provider-rejected-input (422) with "param: message", never the raw body', async () => {
    const error = await rejectionOf(
      stripe.changeSubscription!(call(), STRIPE_FAKE.subscriptions.active, { plan: 'price_DoesNotExist' }),
    );
    expect(error).toMatchObject({ status: 422, type: 'provider-rejected-input' });
    expect(error.detail).toBe(
      "stripe rejected the request: items[0][price]: No such price: 'price_DoesNotExist'",
    );
    expect(error.detail).not.toMatch(/invalid_request_error|resource_missing|[{}]/);
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 400, retryable: false });
    // The rejected POST was not retried.
    expect(requestsTo('POST', '/v1/subscriptions/')).toHaveLength(1);
  });

  it('a JSON body is refused by the fake like Stripe does (the adapter never sends one)', async () => {
    // Guards that the fake is strict enough to catch an adapter that sent JSON.
    const response = await fetch(`${baseUrl}/v1/billing_portal/sessions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${STRIPE_FAKE.apiKey}`,
        'Stripe-Version': '2023-08-16',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ customer: STRIPE_FAKE.customerId }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  describe('429', () => {
    it('is retried (honouring Retry-After) and succeeds when a later attempt does', async () => {
      fake.server.failNext(
        { method: 'GET', pathIncludes: '/v1/customers/' },
        stripeError(429, 'invalid_request_error', 'Too many requests', { 'Retry-After': '1' }),
      );
      const started = Date.now();
      await expect(stripe.getBillingAccount!(call())).resolves.toMatchObject({ id: STRIPE_FAKE.customerId });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(requestsTo('GET', '/v1/customers/')).toHaveLength(2);
    });

    it('surfaces 429 with Retry-After once the retry budget is spent', async () => {
      const limited = stripeError(429, 'invalid_request_error', 'Too many requests', { 'Retry-After': '1' });
      fake.server.failNext({ method: 'GET', pathIncludes: '/v1/invoices' }, limited, limited, limited);
      const error = await rejectionOf(stripe.listInvoices!(call(), { limit: 10 }));
      expect(error).toMatchObject({ status: 429, type: 'provider-rate-limited' });
      expect(error.options.headers).toEqual({ 'Retry-After': '1' });
      expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 429, retryable: true });
      expect(requestsTo('GET', '/v1/invoices')).toHaveLength(3);
    });

    it('retries a POST with the same Idempotency-Key', async () => {
      fake.server.failNext(
        { method: 'POST', pathIncludes: '/v1/billing_portal/sessions' },
        stripeError(429, 'invalid_request_error', 'Too many requests'),
      );
      await stripe.createPortalSession!(call(), { returnUrl: 'https://app.example.com/billing' });
      const attempts = requestsTo('POST', '/v1/billing_portal/sessions');
      expect(attempts).toHaveLength(2);
      expect(attempts[1]!.headers['idempotency-key']).toBe(attempts[0]!.headers['idempotency-key']);
    });

    it('is not retried when Stripe says Stripe-Should-Retry: false', async () => {
      fake.server.failNext(
        { method: 'GET', pathIncludes: '/v1/customers/' },
        stripeError(429, 'invalid_request_error', 'Too many requests', { 'Stripe-Should-Retry': 'false' }),
      );
      const error = await rejectionOf(stripe.getBillingAccount!(call()));
      expect(error.status).toBe(429);
      expect(requestsTo('GET', '/v1/customers/')).toHaveLength(1);
    });
  });

  describe('500 / 503', () => {
    it.each([500, 503])('%s on a read is retried and succeeds when a later attempt does', async (status) => {
      fake.server.failNext({ method: 'GET', pathIncludes: '/v1/subscriptions' }, serverError(status));
      await expect(stripe.listSubscriptions!(call())).resolves.toHaveLength(3);
      expect(requestsTo('GET', '/v1/subscriptions')).toHaveLength(2);
    });

    it('becomes provider-unavailable (502) once the retries are spent', async () => {
      fake.server.failNext({ method: 'GET' }, serverError(503), serverError(503), serverError(503));
      const error = await rejectionOf(stripe.getSubscription!(call(), STRIPE_FAKE.subscriptions.active));
      expect(error).toMatchObject({ status: 502, type: 'provider-unavailable' });
      expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 503, retryable: true });
      expect(fake.server.requests).toHaveLength(3);
    });

    it('retries a POST with its Idempotency-Key (the SDK reuses it)', async () => {
      fake.server.failNext({ method: 'POST' }, serverError(500));
      await stripe.createPortalSession!(call({ idempotencyKey: 'caller-retry-0001' }), {
        returnUrl: 'https://app.example.com/billing',
      });
      const attempts = requestsTo('POST', '/v1/billing_portal/sessions');
      expect(attempts.map((r) => r.headers['idempotency-key'])).toEqual([
        'caller-retry-0001',
        'caller-retry-0001',
      ]);
    });
  });

  it('a hung upstream becomes provider-timeout (504)', async () => {
    fake.server.failNext(
      { method: 'GET' },
      { status: 200, hang: true },
      { status: 200, hang: true },
      { status: 200, hang: true },
    );
    const error = await rejectionOf(stripe.getBillingAccount!(call()));
    expect(error).toMatchObject({ status: 504, type: 'provider-timeout' });
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: null, retryable: true });
    expect(fake.server.requests).toHaveLength(3);
  }, 15_000);

  it('a malformed JSON body becomes provider-invalid-response (502)', async () => {
    fake.server.failNext({ method: 'GET' }, { status: 200, raw: '{"id": "cus_' });
    const error = await rejectionOf(stripe.getBillingAccount!(call()));
    expect(error).toMatchObject({ status: 502, type: 'provider-invalid-response' });
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: 200, retryable: false });
    expect(error.detail).not.toContain('cus_');
  });

  it('an HTML error page keeps its status (not mistaken for a garbled 200)', async () => {
    const page: FakeResponse = { status: 502, raw: '<html>Bad gateway</html>' };
    fake.server.failNext({ method: 'GET' }, page, page, page);
    const error = await rejectionOf(stripe.getBillingAccount!(call()));
    expect(error).toMatchObject({ status: 502, type: 'provider-unavailable' });
    expect(error.options.extensions).toMatchObject({ upstreamStatus: 502 });
  });
});

describe('Stripe adapter when Stripe cannot be reached', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await createTestApp({ ...ENV, STRIPE_API_BASE_URL: `http://127.0.0.1:${await closedPort()}` });
  });

  afterAll(() => test?.close());

  it('connection refused becomes provider-unavailable (502)', async () => {
    const stripe = test.app.get(ProviderRegistry).get('stripe');
    const error = await rejectionOf(stripe.getBillingAccount!(call()));
    expect(error).toMatchObject({ status: 502, type: 'provider-unavailable' });
    expect(error.detail).toContain('ECONNREFUSED');
    expect(error.options.extensions).toEqual({ provider: 'stripe', upstreamStatus: null, retryable: true });
  }, 15_000);
});
