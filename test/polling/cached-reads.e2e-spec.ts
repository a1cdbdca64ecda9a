import { expectProblem, problemFields } from '../support/problem';
import { PollingStack, type PollingTenant, sleep } from './support/polling-stack';
import type { WorkerProcess } from '../jobs/support/worker-process';

describe('?cached=true: reads answered from the latest snapshot', () => {
  let stack: PollingStack;
  let tenant: PollingTenant;
  let worker: WorkerProcess;
  const on = (provider: 'stripe' | 'qovery' | 'prefect') => ({ connectionId: tenant.connections[provider] });
  const get = (path: string, query: Record<string, unknown>) =>
    stack.test.http.get(path).query(query).set(tenant.auth);

  beforeAll(async () => {
    stack = await PollingStack.start();
    // No worker yet: the polls queued by the connections' creation wait.
    tenant = await stack.tenant(['stripe', 'qovery', 'prefect']);
  });
  afterAll(() => PollingStack.shutdown(stack));

  it('answers 409 until the connection has been polled, saying so', async () => {
    for (const path of ['/v1/billing-account', '/v1/subscriptions', '/v1/invoices']) {
      const problem = expectProblem(await get(path, { ...on('stripe'), cached: true }), 409, 'conflict');
      expect(problem.detail).toMatch(/has not been polled successfully since it was created/);
      expect(problem).toMatchObject({
        connectionId: tenant.connections.stripe,
        resourceType: expect.any(String),
      });
    }
    worker = await stack.startWorker();
    await stack.idle();
  });

  it('returns exactly the live bodies, with X-Snapshot-Age, without calling the provider', async () => {
    const routes: Array<[string, Record<string, unknown>]> = [
      ['/v1/billing-account', on('stripe')],
      ['/v1/subscriptions', on('stripe')],
      ['/v1/invoices', { ...on('stripe'), limit: 100 }],
      ['/v1/billing-account', on('qovery')],
      ['/v1/subscriptions', on('qovery')],
      ['/v1/invoices', { ...on('qovery'), limit: 100 }],
      ['/v1/subscriptions', on('prefect')],
      // The primary connection (Stripe) when none is named, as for live reads.
      ['/v1/billing-account', {}],
    ];
    const live = [];
    for (const [path, query] of routes) live.push((await get(path, query).expect(200)).body);
    const before = stack.stripe.server.requests.length + stack.qovery.server.requests.length;
    for (const [index, [path, query]] of routes.entries()) {
      const cached = await get(path, { ...query, cached: 'true' }).expect(200);
      expect(cached.body).toEqual(live[index]);
      expect(cached.headers['x-snapshot-age']).toMatch(/^\d+$/);
      expect(Number(cached.headers['x-snapshot-age'])).toBeLessThan(30);
    }
    expect(stack.stripe.server.requests.length + stack.qovery.server.requests.length).toBe(before);
    const explicit = await get('/v1/subscriptions', { ...on('stripe'), cached: 'false' }).expect(200);
    expect(explicit.headers['x-snapshot-age']).toBeUndefined();
  });

  it('pages and filters cached invoices like live ones, with cursors of their own', async () => {
    const live = (await get('/v1/invoices', { ...on('stripe'), limit: 100 }).expect(200)).body.data;
    const pages = [];
    let page = (await get('/v1/invoices', { ...on('stripe'), cached: true, limit: 5 }).expect(200)).body;
    pages.push(page);
    while (page.hasMore) {
      page = (await get('/v1/invoices', { ...on('stripe'), cached: true, limit: 5, cursor: page.nextCursor }))
        .body;
      pages.push(page);
    }
    expect(pages.map((p) => p.data.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((p) => p.data)).toEqual(live);

    const paidLive = (await get('/v1/invoices', { ...on('stripe'), status: 'paid' }).expect(200)).body;
    const paidCached = (await get('/v1/invoices', { ...on('stripe'), status: 'paid', cached: true })).body;
    expect(paidCached.data).toEqual(paidLive.data);

    // A cached cursor never reaches the provider, and a live one does not page a snapshot.
    const cachedCursor = pages[0]!.nextCursor;
    const liveCursor = (await get('/v1/invoices', { ...on('stripe'), limit: 5 }).expect(200)).body.nextCursor;
    expect(
      problemFields(
        expectProblem(
          await get('/v1/invoices', { ...on('stripe'), cursor: cachedCursor }),
          400,
          'validation-failed',
        ),
      ),
    ).toEqual(['cursor']);
    expectProblem(
      await get('/v1/invoices', { ...on('stripe'), cursor: liveCursor, cached: true }),
      400,
      'validation-failed',
    );
  });

  it('reports the age of the snapshot, which the next poll resets', async () => {
    await sleep(2_100);
    const old = await get('/v1/subscriptions', { ...on('qovery'), cached: true }).expect(200);
    expect(Number(old.headers['x-snapshot-age'])).toBeGreaterThanOrEqual(2);
    stack.qovery.state.plan = 'BUSINESS_2025';
    await stack.poll(tenant, 'qovery');
    const fresh = await get('/v1/subscriptions', { ...on('qovery'), cached: true }).expect(200);
    expect(Number(fresh.headers['x-snapshot-age'])).toBeLessThan(2);
    expect(fresh.body.data[0]).toMatchObject({ plan: 'BUSINESS_2025' });
  });

  it('keeps the same 404 and 501 answers as live reads, and validates cached', async () => {
    expectProblem(
      await get('/v1/invoices', { ...on('prefect'), cached: true }),
      501,
      'unsupported-operation',
    );
    const unknown = { connectionId: '0b4d3f9e-1c2a-4e5b-8f7a-6d5c4b3a2f1e', cached: true };
    expectProblem(await get('/v1/billing-account', unknown), 404, 'not-found');
    const invalid = await get('/v1/subscriptions', { ...on('stripe'), cached: 'yes' });
    expect(problemFields(expectProblem(invalid, 400, 'validation-failed'))).toEqual(['cached']);
    await worker.stop();
  });
});
