import { ErrorType, GatewayError } from '@app/errors';
import { type BillingProvider, type ProviderCall, ProviderRegistry } from '@app/providers';
import {
  createQoveryFake,
  QOVERY_FAKE_ORGANIZATION_ID as ORG,
  QOVERY_FAKE_TOKEN,
  type QoveryFake,
} from '../fakes/qovery-fake';
import { createTestApp, type TestApp } from '../support/app';
import { closedPort } from '../support/network';
import { rejectionOf } from '../support/gateway-error';

const call: ProviderCall = {
  connectionId: '0d4c1b2a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  account: { organizationId: ORG },
  settings: {},
  credentials: { apiKey: QOVERY_FAKE_TOKEN },
};
const CURRENT_COST = `/organization/${ORG}/currentCost`;
const CHANGE_PLAN = `/organization/${ORG}/changePlan`;

/** The GatewayError a call fails with; also checks it never carries the credentials. */
async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const gateway = await rejectionOf(promise);
  const everything = JSON.stringify({
    message: gateway.message,
    detail: gateway.detail,
    options: gateway.options,
  });
  expect(everything).not.toContain(QOVERY_FAKE_TOKEN);
  return gateway;
}

describe('qovery adapter: upstream failures', () => {
  let fake: QoveryFake;
  let test: TestApp;
  let down: TestApp;
  let adapter: BillingProvider;
  const attempts = (path: string) => fake.server.requests.filter((request) => request.path === path).length;

  beforeAll(async () => {
    fake = createQoveryFake();
    const baseUrl = await fake.start();
    test = await createTestApp({
      QOVERY_API_BASE_URL: baseUrl,
      UPSTREAM_TIMEOUT_MS: '300',
      UPSTREAM_MAX_RETRIES: '2',
    });
    adapter = test.app.get(ProviderRegistry).get('qovery');
  });
  afterAll(async () => {
    await test?.close();
    await down?.close();
    await fake?.stop();
  });
  beforeEach(() => fake.server.reset());

  describe('authentication', () => {
    it('maps 401 to provider-authentication-failed (502), not retried', async () => {
      const error = await failure(
        adapter.getCurrentCost!({ ...call, credentials: { apiKey: 'qov_revoked_0001' } }),
      );
      expect(error.type).toBe(ErrorType.ProviderAuthenticationFailed);
      expect(error.status).toBe(502);
      expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 401, retryable: false });
      expect(attempts(CURRENT_COST)).toBe(1);
      expect(error.detail).not.toContain('qov_revoked_0001');
    });

    it.each([401, 403])('verifyCredentials answers ok:false on %s instead of throwing', async (status) => {
      fake.server.failNext(
        { pathIncludes: '/billingStatus' },
        { status, body: { message: 'Access forbidden' } },
      );
      await expect(adapter.verifyCredentials(call)).resolves.toEqual({
        ok: false,
        checkedWith: 'GET /organization/{organizationId}/billingStatus',
        detail: expect.stringContaining(String(status)),
      });
    });

    it('verifyCredentials lets other failures propagate', async () => {
      fake.server.failNext({ pathIncludes: '/billingStatus' }, { status: 404, body: { message: 'no org' } });
      const error = await failure(adapter.verifyCredentials(call));
      expect(error.type).toBe(ErrorType.ProviderResourceNotFound);
    });
  });

  it('maps 404 to provider-resource-not-found (404)', async () => {
    const error = await failure(adapter.getInvoice!(call, '22222222-2222-4222-8222-222222222222'));
    expect(error.type).toBe(ErrorType.ProviderResourceNotFound);
    expect(error.status).toBe(404);
    expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 404, retryable: false });
  });

  it.each([400, 422])(
    'maps %s to provider-rejected-input (422) with the safe summary and not the raw body',
    async (status) => {
      fake.server.failNext(
        { method: 'POST', pathIncludes: '/changePlan' },
        {
          status,
          body: {
            message: 'plan TEAM is not available for token abcdefghijklmnopqrstuvwxyz0123456789ABCD',
            internal: 'RAW_BODY_FIELD_MUST_NOT_LEAK',
          },
        },
      );
      const error = await failure(adapter.changeSubscription!(call, ORG, { plan: 'TEAM' }));
      expect(error.type).toBe(ErrorType.ProviderRejectedInput);
      expect(error.status).toBe(422);
      expect(error.detail).toBe(
        'qovery rejected the request: plan TEAM is not available for token [REDACTED]',
      );
      expect(JSON.stringify(error.options)).not.toContain('RAW_BODY_FIELD_MUST_NOT_LEAK');
      expect(error.options.extensions).toEqual({
        provider: 'qovery',
        upstreamStatus: status,
        retryable: false,
      });
    },
  );

  it('says only the status for a 400 without a readable body', async () => {
    fake.server.failNext(
      { method: 'POST', pathIncludes: '/creditCode' },
      { status: 400, raw: '<html>Bad</html>' },
    );
    const error = await failure(adapter.redeemCreditCode!(call, 'ANY'));
    expect(error.type).toBe(ErrorType.ProviderRejectedInput);
    expect(error.detail).toBe('qovery rejected the request.');
  });

  describe('rate limiting', () => {
    it('retries a read after Retry-After and succeeds', async () => {
      fake.server.failNext(
        { method: 'GET', pathIncludes: CURRENT_COST },
        { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'slow down' } },
      );
      const started = Date.now();
      await expect(adapter.getCurrentCost!(call)).resolves.toMatchObject({ plan: fake.state.plan });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(attempts(CURRENT_COST)).toBe(2);
    });

    it('surfaces 429 with Retry-After once the retry budget is spent', async () => {
      const limited = { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'slow down' } };
      fake.server.failNext({ method: 'GET', pathIncludes: CURRENT_COST }, limited, limited, limited);
      const error = await failure(adapter.getCurrentCost!(call));
      expect(error.type).toBe(ErrorType.ProviderRateLimited);
      expect(error.status).toBe(429);
      expect(error.options.headers).toEqual({ 'Retry-After': '1' });
      expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 429, retryable: true });
      expect(attempts(CURRENT_COST)).toBe(3);
    });

    it('does not retry a write that is not safe to repeat', async () => {
      fake.server.failNext(
        { method: 'POST', pathIncludes: '/changePlan' },
        { status: 429, headers: { 'Retry-After': '1' } },
      );
      const error = await failure(adapter.changeSubscription!(call, ORG, { plan: 'TEAM' }));
      expect(error.type).toBe(ErrorType.ProviderRateLimited);
      expect(attempts(CHANGE_PLAN)).toBe(1);
    });
  });

  describe('server errors', () => {
    it('retries 500 and 503 on reads and succeeds', async () => {
      fake.server.failNext(
        { method: 'GET', pathIncludes: CURRENT_COST },
        { status: 500, body: { message: 'boom' } },
        { status: 503 },
      );
      await expect(adapter.getCurrentCost!(call)).resolves.toMatchObject({ plan: fake.state.plan });
      expect(attempts(CURRENT_COST)).toBe(3);
    });

    it('gives up after the retry budget with provider-unavailable (502)', async () => {
      const down503 = { status: 503, body: { message: 'maintenance' } };
      fake.server.failNext({ method: 'GET', pathIncludes: CURRENT_COST }, down503, down503, down503);
      const error = await failure(adapter.getCurrentCost!(call));
      expect(error.type).toBe(ErrorType.ProviderUnavailable);
      expect(error.status).toBe(502);
      expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 503, retryable: true });
      expect(attempts(CURRENT_COST)).toBe(3);
    });

    it('does not retry a 500 on a POST', async () => {
      fake.server.failNext({ method: 'POST', pathIncludes: '/changePlan' }, { status: 500 });
      const error = await failure(adapter.changeSubscription!(call, ORG, { plan: 'TEAM' }));
      expect(error.type).toBe(ErrorType.ProviderUnavailable);
      expect(attempts(CHANGE_PLAN)).toBe(1);
    });

    it('retries a dropped connection on a read', async () => {
      fake.server.failNext({ method: 'GET', pathIncludes: CURRENT_COST }, { status: 0, destroy: true });
      await expect(adapter.getCurrentCost!(call)).resolves.toMatchObject({ plan: fake.state.plan });
      expect(attempts(CURRENT_COST)).toBe(2);
    });
  });

  it('maps a hung upstream to provider-timeout (504) after retrying the read', async () => {
    const hang = { status: 0, hang: true };
    fake.server.failNext({ method: 'GET', pathIncludes: CURRENT_COST }, hang, hang, hang);
    const started = Date.now();
    const error = await failure(adapter.getCurrentCost!(call));
    expect(error.type).toBe(ErrorType.ProviderTimeout);
    expect(error.status).toBe(504);
    expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: null, retryable: true });
    expect(attempts(CURRENT_COST)).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('times out a hung write once, without retrying it', async () => {
    fake.server.failNext({ method: 'POST', pathIncludes: '/changePlan' }, { status: 0, hang: true });
    const error = await failure(adapter.changeSubscription!(call, ORG, { plan: 'TEAM' }));
    expect(error.type).toBe(ErrorType.ProviderTimeout);
    expect(attempts(CHANGE_PLAN)).toBe(1);
  });

  it('maps a malformed JSON body to provider-invalid-response (502)', async () => {
    fake.server.failNext(
      { method: 'GET', pathIncludes: '/invoice' },
      { status: 200, raw: '{"results": [{"id": ' },
    );
    const error = await failure(adapter.listInvoices!(call, { limit: 10 }));
    expect(error.type).toBe(ErrorType.ProviderInvalidResponse);
    expect(error.status).toBe(502);
    expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 200, retryable: false });
  });

  it('maps a 2xx PDF link without url to provider-invalid-response', async () => {
    const invoiceId = fake.state.invoices[0]!.id;
    fake.server.failNext(
      { method: 'GET', pathIncludes: '/download' },
      { status: 200, body: { service_id: ORG } },
    );
    const error = await failure(adapter.getInvoicePdfLink!(call, invoiceId));
    expect(error.type).toBe(ErrorType.ProviderInvalidResponse);
  });

  it('maps connection refused to provider-unavailable (502), retryable', async () => {
    down = await createTestApp({
      QOVERY_API_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      UPSTREAM_MAX_RETRIES: '1',
    });
    const error = await failure(down.app.get(ProviderRegistry).get('qovery').getCurrentCost!(call));
    expect(error.type).toBe(ErrorType.ProviderUnavailable);
    expect(error.status).toBe(502);
    expect(error.detail).toContain('ECONNREFUSED');
    expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: null, retryable: true });
  });
});
