import { adminAuth } from '../support/app';
import { eventually, PollingStack, type PollingTenant, sleep } from './support/polling-stack';

describe("a provider's 429 backs the connection's polling off", () => {
  let stack: PollingStack;
  let tenant: PollingTenant;
  const status = async () =>
    (
      await stack.test.http
        .get(`/admin/tenants/${tenant.tenantId}/connections/${tenant.connections.qovery}/poll`)
        .set(adminAuth)
        .expect(200)
    ).body;
  const qoveryRequests = () => stack.qovery.server.requests.length;

  beforeAll(async () => {
    // POLL_BACKOFF_MS is 1 s in these tests.
    stack = await PollingStack.start();
    await stack.startWorker();
    tenant = await stack.tenant(['qovery']);
    await stack.idle();
  });
  afterAll(() => PollingStack.shutdown(stack));

  it('records the rate limit and skips polls, without calling the provider, until Retry-After passed', async () => {
    stack.qovery.server.failNext(
      {},
      { status: 429, body: { message: 'slow down' }, headers: { 'Retry-After': '3' } },
    );
    const before = Date.now();
    const limited = await stack.poll(tenant, 'qovery');
    expect(limited).toMatchObject({
      outcome: 'failed',
      problemType: 'https://billing-gateway.dev/problems/provider-rate-limited',
    });
    const backoffUntil = Date.parse((limited as { backoffUntil: string }).backoffUntil);
    expect(backoffUntil - before).toBeGreaterThanOrEqual(3_000);
    expect(backoffUntil - Date.now()).toBeLessThanOrEqual(3_000);
    expect(await status()).toMatchObject({
      backoffUntil: new Date(backoffUntil).toISOString(),
      rateLimitedCount: 1,
      lastError: { type: 'https://billing-gateway.dev/problems/provider-rate-limited', status: 429 },
    });

    const requests = qoveryRequests();
    expect(await stack.poll(tenant, 'qovery')).toEqual({
      outcome: 'skipped',
      backoffUntil: new Date(backoffUntil).toISOString(),
    });
    expect(qoveryRequests()).toBe(requests);

    await sleep(backoffUntil - Date.now() + 50);
    expect(await stack.poll(tenant, 'qovery')).toMatchObject({ outcome: 'polled' });
    expect(qoveryRequests()).toBeGreaterThan(requests);
    expect(await status()).toMatchObject({ backoffUntil: null, rateLimitedCount: 0, lastError: null });
  });

  it('doubles the back-off with each 429 in a row when the provider gives no Retry-After', async () => {
    const backoffs: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      stack.qovery.server.failNext({}, { status: 429, body: { message: 'slow down' } });
      const started = Date.now();
      const outcome = (await stack.poll(tenant, 'qovery')) as { outcome: string; backoffUntil: string };
      expect(outcome.outcome).toBe('failed');
      backoffs.push(Date.parse(outcome.backoffUntil) - started);
      await eventually(async () => Date.now() > Date.parse(outcome.backoffUntil) + 20);
    }
    // 1 s, 2 s, 4 s (give or take the poll's own duration).
    expect(backoffs.map((ms) => Math.round(ms / 1_000))).toEqual([1, 2, 4]);
    expect((await status()).rateLimitedCount).toBe(3);
    expect(await stack.poll(tenant, 'qovery')).toMatchObject({ outcome: 'polled' });
  });

  it('records other failures without backing off, and recovers on the next poll', async () => {
    stack.qovery.server.failNext({}, { status: 503, body: { message: 'down' } });
    expect(await stack.poll(tenant, 'qovery')).toMatchObject({ outcome: 'failed', backoffUntil: null });
    expect(await status()).toMatchObject({
      backoffUntil: null,
      lastError: { status: 502, upstreamStatus: 503 },
    });
    expect(await stack.poll(tenant, 'qovery')).toMatchObject({ outcome: 'polled', events: 0 });
    expect((await status()).lastError).toBeNull();
  });
});
