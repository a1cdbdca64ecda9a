import { ErrorType, GatewayError } from '@app/errors';
import { NativeCatalog, type ProviderCall, ProviderId, ProviderRegistry } from '@app/providers';
import {
  expectRequestsToMatchContract,
  expectResponsesToMatchContract,
} from '../contract/contract-assertions';
import {
  ampersandProblem,
  type AmpersandFake,
  createAmpersandFake,
  DEFAULT_AMPERSAND_ORG,
} from '../fakes/ampersand-fake';
import type { FakeResponse, RecordedRequest } from '../fakes/fake-server';
import { createTestApp, type TestApp } from '../support/app';
import { closedPort } from '../support/network';

const TIMEOUT_MS = 300;

/** How the adapter turns every way Ampersand can fail into the gateway's errors. */
describe('Ampersand adapter: upstream failures', () => {
  let fake: AmpersandFake;
  let test: TestApp;
  const seen: Array<{ request: RecordedRequest; response: FakeResponse }> = [];
  const adapter = () => test.app.get(ProviderRegistry).get(ProviderId.ampersand);

  const callWith = (apiKey = fake.apiKey): ProviderCall => ({
    connectionId: 'conn_ampersand_failures',
    account: { billingAccountId: DEFAULT_AMPERSAND_ORG.account.id, orgId: DEFAULT_AMPERSAND_ORG.orgId },
    settings: { timeout: 900 },
    credentials: { apiKey },
  });
  const readAccount = (call = callWith()) => adapter().getBillingAccount!(call);
  const openSession = (returnUrl = 'https://app.example.com/billing', call = callWith()) =>
    adapter().createPortalSession!(call, { returnUrl });
  const failure = (promise: Promise<unknown>): Promise<GatewayError> =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(GatewayError);
        return error as GatewayError;
      },
    );
  const attempts = () => fake.server.requests.length;
  const GET_ACCOUNT = { method: 'GET', pathIncludes: '/billingAccount' };
  const POST_SESSION = { method: 'POST', pathIncludes: '/portalSession' };

  /** What every provider failure must carry, and must never carry. */
  function expectGatewayError(
    error: GatewayError,
    expected: { status: number; type: ErrorType; upstreamStatus: number | null; retryable: boolean },
  ): void {
    expect({ status: error.status, type: error.type }).toEqual({
      status: expected.status,
      type: expected.type,
    });
    expect(error.options.extensions).toEqual({
      provider: 'ampersand',
      upstreamStatus: expected.upstreamStatus,
      retryable: expected.retryable,
    });
    expect(JSON.stringify({ ...error, detail: error.detail })).not.toContain(fake.apiKey);
  }

  beforeAll(async () => {
    fake = createAmpersandFake();
    const baseUrl = await fake.start();
    test = await createTestApp({ AMPERSAND_API_BASE_URL: baseUrl, UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterEach(() => {
    seen.push(...fake.server.exchanges);
    fake.server.reset();
  });
  afterAll(async () => {
    await test?.close();
    await fake?.stop();
  });

  describe('401/403: rejected credentials', () => {
    it('a read with a wrong key is 502 provider-authentication-failed, not retried', async () => {
      const error = await failure(readAccount(callWith('amp_wrong_key_000000')));
      expectGatewayError(error, {
        status: 502,
        type: ErrorType.ProviderAuthenticationFailed,
        upstreamStatus: 401,
        retryable: false,
      });
      expect(error.detail).not.toContain('amp_wrong_key_000000');
      expect(attempts()).toBe(1);
    });

    it('a portal session with a wrong key is the same', async () => {
      const error = await failure(openSession(undefined, callWith('amp_wrong_key_000000')));
      expectGatewayError(error, {
        status: 502,
        type: ErrorType.ProviderAuthenticationFailed,
        upstreamStatus: 401,
        retryable: false,
      });
    });

    it('verifyCredentials answers ok:false for 401 and for 403 instead of throwing', async () => {
      await expect(adapter().verifyCredentials(callWith('amp_wrong_key_000000'))).resolves.toMatchObject({
        ok: false,
        detail: expect.stringMatching(/HTTP 401/),
      });
      fake.server.failNext(GET_ACCOUNT, ampersandProblem(403, 'Forbidden', 'not a member of this org'));
      await expect(adapter().verifyCredentials(callWith())).resolves.toMatchObject({
        ok: false,
        detail: expect.stringMatching(/HTTP 403/),
      });
    });

    it('verifyCredentials lets other failures propagate', async () => {
      const error = await failure(
        adapter().verifyCredentials({
          ...callWith(),
          account: { billingAccountId: 'ba_1', orgId: 'org_nope' },
        }),
      );
      expect(error.type).toBe(ErrorType.ProviderResourceNotFound);
    });
  });

  describe('404: no such resource', () => {
    it('an unknown organization (InputValidationProblem) is 404 provider-resource-not-found', async () => {
      const error = await failure(
        readAccount({ ...callWith(), account: { billingAccountId: 'ba_1', orgId: 'org_unknown' } }),
      );
      expectGatewayError(error, {
        status: 404,
        type: ErrorType.ProviderResourceNotFound,
        upstreamStatus: 404,
        retryable: false,
      });
      expect(attempts()).toBe(1);
    });

    it('an unknown billing account on a portal session is the same', async () => {
      const error = await failure(
        openSession(undefined, { ...callWith(), account: { billingAccountId: 'ba_unknown' } }),
      );
      expect({ status: error.status, type: error.type }).toEqual({
        status: 404,
        type: ErrorType.ProviderResourceNotFound,
      });
    });
  });

  describe('400/422: rejected input', () => {
    it('a missing redirectUrl is 422 provider-rejected-input naming the field, without the raw body', async () => {
      const error = await failure(openSession(''));
      expectGatewayError(error, {
        status: 422,
        type: ErrorType.ProviderRejectedInput,
        upstreamStatus: 400,
        retryable: false,
      });
      expect(error.detail).toBe(
        'ampersand rejected the request: The input message is incorrect - invalid: redirectUrl',
      );
      const sent = fake.server.exchanges[0]!.response.body as { requestId: string };
      expect(error.detail).not.toContain(sent.requestId);
    });

    it('a non-integer timeout sent natively is rejected the same way', async () => {
      const operation = test.app.get(NativeCatalog).get(ProviderId.ampersand, 'createBillingAccountSession');
      // Bypasses NativeCatalog.prepare on purpose: the point is Ampersand's own answer.
      const error = await failure(
        adapter().callNative(callWith(), operation, {
          path: { billingAccountId: 'ba_1' },
          body: { redirectUrl: 'https://app.example.com', timeout: 1.5 },
        }),
      );
      expect(error.type).toBe(ErrorType.ProviderRejectedInput);
      expect(error.detail).toMatch(/invalid: timeout$/);
    });

    it('a 422 problem shows its detail only: no causes, remedy, values or context', async () => {
      fake.server.failNext(
        POST_SESSION,
        ampersandProblem(422, 'Unprocessable Entity', 'redirect URL is not allowed', {
          causes: ['internal: allow-list lookup for tenant 42 failed'],
          remedy: 'Contact support',
          context: { apiKey: fake.apiKey },
          issues: [{ type: 'about:blank', in: 'body', name: 'redirectUrl', value: 'https://evil.example' }],
        }),
      );
      const error = await failure(openSession());
      expectGatewayError(error, {
        status: 422,
        type: ErrorType.ProviderRejectedInput,
        upstreamStatus: 422,
        retryable: false,
      });
      expect(error.detail).toBe(
        'ampersand rejected the request: redirect URL is not allowed - invalid: redirectUrl',
      );
      for (const hidden of ['allow-list', 'Contact support', 'evil.example'])
        expect(error.detail).not.toContain(hidden);
    });
  });

  describe('429: rate limited', () => {
    const limited = (headers: Record<string, string> = { 'Retry-After': '1' }, extra = {}) => ({
      ...ampersandProblem(429, 'Too Many Requests', 'slow down', extra),
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    });

    it('a read is retried after Retry-After and succeeds when a later attempt does', async () => {
      fake.server.failNext(GET_ACCOUNT, limited());
      const started = Date.now();
      await expect(readAccount()).resolves.toMatchObject({ id: 'ba_1' });
      expect(attempts()).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('after the retry budget it is 429 provider-rate-limited with Retry-After', async () => {
      fake.server.failNext(GET_ACCOUNT, limited(), limited(), limited());
      const error = await failure(readAccount());
      expectGatewayError(error, {
        status: 429,
        type: ErrorType.ProviderRateLimited,
        upstreamStatus: 429,
        retryable: true,
      });
      expect(error.options.headers).toEqual({ 'Retry-After': '1' });
      expect(attempts()).toBe(3);
    });

    it('a portal session (not idempotent) is not retried; the body retryAfter gives Retry-After', async () => {
      const retryAfter = new Date(Date.now() + 30_000).toISOString();
      fake.server.failNext(POST_SESSION, limited({}, { retryable: true, retryAfter }));
      const error = await failure(openSession());
      expect(error.type).toBe(ErrorType.ProviderRateLimited);
      expect(Number(error.options.headers?.['Retry-After'])).toBeGreaterThanOrEqual(29);
      expect(Number(error.options.headers?.['Retry-After'])).toBeLessThanOrEqual(30);
      expect(attempts()).toBe(1);
    });
  });

  describe('5xx: provider failing', () => {
    const down = (status: number) => ampersandProblem(status, 'Service Unavailable', 'try later');

    it('a read is retried after 503 and 500 and succeeds', async () => {
      fake.server.failNext(GET_ACCOUNT, down(503), down(500));
      await expect(readAccount()).resolves.toMatchObject({ id: 'ba_1' });
      expect(attempts()).toBe(3);
    });

    it('a read failing every attempt is 502 provider-unavailable', async () => {
      fake.server.failNext(GET_ACCOUNT, down(500), down(500), down(503));
      const error = await failure(readAccount());
      expectGatewayError(error, {
        status: 502,
        type: ErrorType.ProviderUnavailable,
        upstreamStatus: 503,
        retryable: true,
      });
      expect(attempts()).toBe(3);
    });

    it('a portal session is not repeated after a 503 (it could open a second session)', async () => {
      fake.server.failNext(POST_SESSION, down(503));
      const error = await failure(openSession());
      expect(error.type).toBe(ErrorType.ProviderUnavailable);
      expect(attempts()).toBe(1);
      expect(fake.sessions).toHaveLength(0);
    });
  });

  describe('transport failures', () => {
    it('a hung upstream is 504 provider-timeout after each attempt times out', async () => {
      fake.server.failNext(
        GET_ACCOUNT,
        { status: 0, hang: true },
        { status: 0, hang: true },
        { status: 0, hang: true },
      );
      const started = Date.now();
      const error = await failure(readAccount());
      expectGatewayError(error, {
        status: 504,
        type: ErrorType.ProviderTimeout,
        upstreamStatus: null,
        retryable: true,
      });
      expect(attempts()).toBe(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * TIMEOUT_MS - 50);
    });

    it('a hung portal session times out once', async () => {
      fake.server.failNext(POST_SESSION, { status: 0, hang: true });
      const error = await failure(openSession());
      expect(error.type).toBe(ErrorType.ProviderTimeout);
      expect(attempts()).toBe(1);
    });

    it('a malformed JSON body is 502 provider-invalid-response', async () => {
      fake.server.failNext(GET_ACCOUNT, { status: 200, raw: '{"id": "ba_1", "displayName": ' });
      const error = await failure(readAccount());
      expectGatewayError(error, {
        status: 502,
        type: ErrorType.ProviderInvalidResponse,
        upstreamStatus: 200,
        retryable: false,
      });
      expect(attempts()).toBe(1);
    });

    it('a dropped connection on a read is retried', async () => {
      fake.server.failNext(GET_ACCOUNT, { status: 0, destroy: true });
      await expect(readAccount()).resolves.toMatchObject({ id: 'ba_1' });
      expect(attempts()).toBe(2);
    });

    it('connection refused is 502 provider-unavailable', async () => {
      const port = await closedPort();
      const down = await createTestApp({ AMPERSAND_API_BASE_URL: `http://127.0.0.1:${port}/v1` });
      try {
        const refused = down.app.get(ProviderRegistry).get(ProviderId.ampersand);
        const error = await failure(refused.getBillingAccount!(callWith()));
        expectGatewayError(error, {
          status: 502,
          type: ErrorType.ProviderUnavailable,
          upstreamStatus: null,
          retryable: true,
        });
        expect(error.detail).toMatch(/ECONNREFUSED/);
        await expect(refused.verifyCredentials(callWith())).rejects.toMatchObject({
          type: ErrorType.ProviderUnavailable,
        });
      } finally {
        await down.close();
      }
    });
  });

  it('every request sent, and every answer that was JSON, matched the contract', () => {
    const all = [...seen, ...fake.server.exchanges];
    expect(all.length).toBeGreaterThan(20);
    expectRequestsToMatchContract(
      ProviderId.ampersand,
      // The two deliberately invalid bodies (missing redirectUrl, timeout 1.5) are the only exceptions.
      all.map((e) => e.request).filter((r) => !isDeliberatelyInvalid(r)),
    );
    expectResponsesToMatchContract(ProviderId.ampersand, all);
  });
});

function isDeliberatelyInvalid(request: RecordedRequest): boolean {
  const body = request.body as { redirectUrl?: unknown; timeout?: unknown } | undefined;
  return body?.redirectUrl === '' || body?.timeout === 1.5;
}
