import { ErrorType, GatewayError } from '@app/errors';
import { type BillingProvider, type ProviderCall, ProviderRegistry } from '@app/providers';
import {
  createPrefectFake,
  defaultPrefectDetails,
  prefectValidationError,
  type PrefectFake,
} from '../fakes/prefect-fake';
import { createTestApp, type TestApp } from '../support/app';
import { closedPort } from '../support/network';
import { rejectionOf as rejection } from '../support/gateway-error';

const TIMEOUT_MS = 300;

describe('Prefect adapter: upstream failures', () => {
  let fake: PrefectFake;
  let test: TestApp;
  let adapter: BillingProvider;
  let call: ProviderCall;

  const detailsCalls = () => fake.server.requests.filter((r) => r.path.endsWith('/details')).length;

  /** The translated error, with the guarantees every upstream failure must keep. */
  async function expectFailure(
    promise: Promise<unknown>,
    expected: { status: number; type: ErrorType; upstreamStatus: number | null; retryable: boolean },
  ): Promise<GatewayError> {
    const error = await rejection(promise);
    expect({ status: error.status, type: error.type }).toEqual({
      status: expected.status,
      type: expected.type,
    });
    expect(error.options.extensions).toEqual({
      provider: 'prefect',
      upstreamStatus: expected.upstreamStatus,
      retryable: expected.retryable,
    });
    const serialized = JSON.stringify({
      detail: error.detail,
      options: error.options,
      message: error.message,
    });
    expect(serialized).not.toContain(fake.apiKey);
    expect(serialized).not.toContain('wrong_key_0123456789');
    return error;
  }

  beforeAll(async () => {
    fake = createPrefectFake();
    const baseUrl = await fake.start();
    test = await createTestApp({ PREFECT_API_BASE_URL: baseUrl, UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) });
    adapter = test.app.get(ProviderRegistry).get('prefect');
    call = {
      connectionId: 'conn_prefect_failures',
      account: { accountId: fake.accountId },
      settings: {},
      credentials: { apiKey: fake.apiKey },
    };
  });

  beforeEach(() => {
    fake.server.reset();
    Object.assign(fake.details, defaultPrefectDetails());
  });

  afterAll(async () => {
    await test?.close();
    await fake?.stop();
  });

  describe('rejected credentials', () => {
    const wrongKey = () => ({ ...call, credentials: { apiKey: 'wrong_key_0123456789' } });

    it('401 → 502 provider-authentication-failed, not retried', async () => {
      await expectFailure(adapter.getBillingAccount!(wrongKey()), {
        status: 502,
        type: ErrorType.ProviderAuthenticationFailed,
        upstreamStatus: 401,
        retryable: false,
      });
      expect(detailsCalls()).toBe(1);
    });

    it('verify_credentials answers ok:false for 401 and 403 instead of throwing', async () => {
      const check = await adapter.verifyCredentials(wrongKey());
      expect(check).toEqual({
        ok: false,
        checkedWith: 'GET /api/billing/{account_id}/details',
        detail: expect.stringContaining('HTTP 401'),
      });
      expect(check.detail).not.toContain('wrong_key');
      fake.server.failNext({ pathIncludes: '/details' }, { status: 403, body: { detail: 'Forbidden' } });
      await expect(adapter.verifyCredentials(call)).resolves.toMatchObject({
        ok: false,
        detail: expect.stringContaining('HTTP 403'),
      });
    });

    it('verify_credentials lets other failures propagate', async () => {
      fake.server.failNext({ pathIncludes: '/details' }, { status: 500 }, { status: 500 }, { status: 500 });
      await expectFailure(adapter.verifyCredentials(call), {
        status: 502,
        type: ErrorType.ProviderUnavailable,
        upstreamStatus: 500,
        retryable: true,
      });
    });
  });

  it('404 (another account) → 404 provider-resource-not-found', async () => {
    const other = { ...call, account: { accountId: '00000000-0000-4000-8000-000000000000' } };
    await expectFailure(adapter.getBillingAccount!(other), {
      status: 404,
      type: ErrorType.ProviderResourceNotFound,
      upstreamStatus: 404,
      retryable: false,
    });
  });

  describe('rejected input', () => {
    it('422 HTTPValidationError → 422 provider-rejected-input with "loc: msg", never the raw body', async () => {
      fake.server.failNext(
        { pathIncludes: '/create_billing_portal_session' },
        prefectValidationError(
          { type: 'missing', loc: ['body', 'return_url'], msg: 'Field required', input: {} },
          { type: 'string_type', loc: ['body', 'locale'], msg: 'Input should be a valid string', input: 1 },
        ),
      );
      const error = await expectFailure(
        adapter.createPortalSession!(call, { returnUrl: 'https://app.example.com/billing' }),
        { status: 422, type: ErrorType.ProviderRejectedInput, upstreamStatus: 422, retryable: false },
      );
      expect(error.detail).toBe(
        'prefect rejected the request: body.return_url: Field required; body.locale: Input should be a valid string',
      );
      expect(error.detail).not.toContain('"loc"');
      expect(error.detail).not.toContain('string_type');
    });

    it('400 {"detail": "..."} → 422 provider-rejected-input with the sanitized detail', async () => {
      fake.details.users.used_slots = 6;
      const error = await expectFailure(adapter.changeSubscription!(call, fake.accountId, { seats: 5 }), {
        status: 422,
        type: ErrorType.ProviderRejectedInput,
        upstreamStatus: 400,
        retryable: false,
      });
      expect(error.detail).toBe(
        'prefect rejected the request: Cannot set fewer user slots than users in the account.',
      );
    });

    it('slots cannot change once the subscription cancels at period end (Prefect says 400)', async () => {
      fake.details.cancel_at_period_end = true;
      const error = await expectFailure(adapter.changeSubscription!(call, fake.accountId, { seats: 9 }), {
        status: 422,
        type: ErrorType.ProviderRejectedInput,
        upstreamStatus: 400,
        retryable: false,
      });
      expect(error.detail).toContain('set to cancel');
    });
  });

  describe('rate limiting', () => {
    it('a read is retried after Retry-After and succeeds', async () => {
      fake.server.failNext(
        { pathIncludes: '/details' },
        { status: 429, headers: { 'Retry-After': '1' }, body: { detail: 'Rate limit exceeded' } },
      );
      const started = Date.now();
      await expect(adapter.getBillingAccount!(call)).resolves.toMatchObject({ id: fake.accountId });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(detailsCalls()).toBe(2);
    });

    it('after the retry budget → 429 provider-rate-limited with Retry-After', async () => {
      const limited = {
        status: 429,
        headers: { 'Retry-After': '1' },
        body: { detail: 'Rate limit exceeded' },
      };
      fake.server.failNext({ pathIncludes: '/details' }, limited, limited, limited);
      const error = await expectFailure(adapter.getBillingAccount!(call), {
        status: 429,
        type: ErrorType.ProviderRateLimited,
        upstreamStatus: 429,
        retryable: true,
      });
      expect(error.options.headers).toEqual({ 'Retry-After': '1' });
      expect(detailsCalls()).toBe(3);
    });

    it('a write that is not safe to repeat is not retried', async () => {
      fake.server.failNext({ pathIncludes: '/subscribe' }, { status: 429, headers: { 'Retry-After': '1' } });
      await expectFailure(adapter.createCheckoutLink!(call, { plan: 'TEAM' }), {
        status: 429,
        type: ErrorType.ProviderRateLimited,
        upstreamStatus: 429,
        retryable: true,
      });
      expect(fake.server.requests.filter((r) => r.path.endsWith('/subscribe'))).toHaveLength(1);
    });
  });

  describe('server errors', () => {
    it('500 then 503 on a read: retried, then succeeds', async () => {
      fake.server.failNext({ pathIncludes: '/details' }, { status: 500 }, { status: 503 });
      await expect(adapter.listSubscriptions!(call)).resolves.toHaveLength(1);
      expect(detailsCalls()).toBe(3);
    });

    it('503 on every attempt → 502 provider-unavailable', async () => {
      fake.server.failNext({ pathIncludes: '/details' }, { status: 503 }, { status: 503 }, { status: 503 });
      await expectFailure(adapter.getBillingAccount!(call), {
        status: 502,
        type: ErrorType.ProviderUnavailable,
        upstreamStatus: 503,
        retryable: true,
      });
      expect(detailsCalls()).toBe(3);
    });

    it('503 on a portal session (POST) is not retried', async () => {
      fake.server.failNext({ pathIncludes: '/create_billing_portal_session' }, { status: 503 });
      await expectFailure(adapter.createPortalSession!(call, { returnUrl: 'https://app.example.com/b' }), {
        status: 502,
        type: ErrorType.ProviderUnavailable,
        upstreamStatus: 503,
        retryable: true,
      });
      expect(fake.server.requests).toHaveLength(1);
    });

    it('update_slots sets absolute counts, so a 503 there is retried', async () => {
      fake.server.failNext({ pathIncludes: '/update_slots' }, { status: 503 });
      await expect(adapter.changeSubscription!(call, fake.accountId, { seats: 9 })).resolves.toMatchObject({
        seats: 9,
      });
      const updates = fake.server.requests.filter((r) => r.path.endsWith('/update_slots'));
      expect(updates.map((r) => r.body)).toEqual([
        { additional_user_slots: 6 },
        { additional_user_slots: 6 },
      ]);
    });

    it('a dropped connection on a read is retried', async () => {
      fake.server.failNext({ pathIncludes: '/details' }, { status: 0, destroy: true });
      await expect(adapter.getBillingAccount!(call)).resolves.toMatchObject({ plan: 'PRO_2024_04' });
      expect(detailsCalls()).toBe(2);
    });
  });

  it('a hung upstream → 504 provider-timeout', async () => {
    const hang = { status: 0, hang: true };
    fake.server.failNext({ pathIncludes: '/details' }, hang, hang, hang);
    await expectFailure(adapter.getBillingAccount!(call), {
      status: 504,
      type: ErrorType.ProviderTimeout,
      upstreamStatus: null,
      retryable: true,
    });
    expect(detailsCalls()).toBe(3);
  });

  describe('unreadable responses', () => {
    it('malformed JSON → 502 provider-invalid-response', async () => {
      fake.server.failNext({ pathIncludes: '/details' }, { status: 200, raw: '{"plan_type": "ORGANIZ' });
      await expectFailure(adapter.getBillingAccount!(call), {
        status: 502,
        type: ErrorType.ProviderInvalidResponse,
        upstreamStatus: 200,
        retryable: false,
      });
    });

    it('details without the billing fields (e.g. null) → 502 provider-invalid-response', async () => {
      fake.server.failNext({ pathIncludes: '/details' }, { status: 200, body: null });
      await expectFailure(adapter.listSubscriptions!(call), {
        status: 502,
        type: ErrorType.ProviderInvalidResponse,
        upstreamStatus: 200,
        retryable: false,
      });
    });

    it('a portal response without a URL (e.g. null) → 502 provider-invalid-response', async () => {
      fake.server.failNext({ pathIncludes: '/create_billing_portal_session' }, { status: 200, body: null });
      await expectFailure(adapter.createPortalSession!(call, { returnUrl: 'https://app.example.com/b' }), {
        status: 502,
        type: ErrorType.ProviderInvalidResponse,
        upstreamStatus: 200,
        retryable: false,
      });
    });

    it('a checkout map without an https URL → 502 provider-invalid-response', async () => {
      fake.server.failNext({ pathIncludes: '/subscribe' }, { status: 200, body: { property1: 'string' } });
      await expectFailure(adapter.createCheckoutLink!(call, { plan: 'TEAM' }), {
        status: 502,
        type: ErrorType.ProviderInvalidResponse,
        upstreamStatus: 200,
        retryable: false,
      });
    });
  });

  describe('Prefect unreachable', () => {
    let down: TestApp;

    beforeAll(async () => {
      down = await createTestApp({ PREFECT_API_BASE_URL: `http://127.0.0.1:${await closedPort()}` });
    });

    afterAll(async () => {
      await down?.close();
    });

    it('connection refused → 502 provider-unavailable (after retrying the read)', async () => {
      const unreachable = down.app.get(ProviderRegistry).get('prefect');
      await expectFailure(unreachable.getBillingAccount!(call), {
        status: 502,
        type: ErrorType.ProviderUnavailable,
        upstreamStatus: null,
        retryable: true,
      });
      await expect(unreachable.verifyCredentials(call)).rejects.toBeInstanceOf(GatewayError);
    });
  });
});
