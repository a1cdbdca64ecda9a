import { SnapshotReader } from '@app/queue';
import { CacheInvalidation } from '@app/redis';
import { adminAuth } from '../support/app';
import { expectProblem } from '../support/problem';
import type { WorkerProcess } from '../jobs/support/worker-process';
import { eventually, PollingStack, type PollingTenant, sleep } from './support/polling-stack';
import { stripeChanges } from './support/upstream-changes';

/**
 * The api keeps snapshot pages in memory; the worker (another process) invalidates them over Redis
 * when a poll commits, and connection changes invalidate them in the api itself. What a client
 * must never see: a page older than a poll that has completed, or a deleted connection's data.
 */
describe('?cached=true pages in memory, invalidated by polls and deletions', () => {
  let stack: PollingStack;
  let tenant: PollingTenant;
  let worker: WorkerProcess;
  let reader: SnapshotReader;
  const stripeId = () => tenant.connections.stripe!;
  const cachedAccount = (connectionId = stripeId()) =>
    stack.test.http.get('/v1/billing-account').query({ connectionId, cached: true }).set(tenant.auth);

  beforeAll(async () => {
    stack = await PollingStack.start();
    tenant = await stack.tenant(['stripe', 'qovery']);
    worker = await stack.startWorker();
    await stack.idle();
    reader = stack.test.app.get(SnapshotReader);
    // Until the api is subscribed to invalidations, it caches nothing.
    await eventually(async () => stack.test.app.get(CacheInvalidation).active);
  });
  afterAll(async () => {
    await worker?.stop();
    await PollingStack.shutdown(stack);
  });

  it('serves repeated reads from memory: a change behind its back shows only after the next poll', async () => {
    const before = (await cachedAccount().expect(200)).body;
    expect(reader.cache.sizeOf(stripeId())).toBe(1);
    // Not how snapshots change (polls write them), but proof that reads do not go to the database.
    await stack.test.prisma.$executeRaw`
      UPDATE resource_snapshots SET data = jsonb_set(data, '{name}', '"changed in the database"')
      WHERE connection_id = ${stripeId()}::uuid AND resource_type = 'billing_account'`;
    expect((await cachedAccount().expect(200)).body).toEqual(before);
    // The provider did not change: the poll writes nothing (the stored hash matches), yet it moves
    // observedAt, so it invalidates too, and the next read sees the database.
    expect(await stack.poll(tenant, 'stripe')).toMatchObject({ outcome: 'polled', events: 0 });
    expect((await cachedAccount().expect(200)).body.name).toBe('changed in the database');
  });

  it('returns what a poll wrote as soon as the poll has completed, every time', async () => {
    const stripe = stripeChanges(stack.stripe.state);
    for (let round = 1; round <= 5; round++) {
      await cachedAccount().expect(200); // cached before the poll, so the poll must invalidate it
      expect(reader.cache.sizeOf(stripeId())).toBe(1);
      stripe.setCustomerEmail(`billing-${round}@fake.example`);
      expect(await stack.poll(tenant, 'stripe')).toMatchObject({ outcome: 'polled', events: 1 });
      expect((await cachedAccount().expect(200)).body.email).toBe(`billing-${round}@fake.example`);
    }
  });

  it('computes X-Snapshot-Age per response, and an unchanged poll resets it', async () => {
    await cachedAccount().expect(200);
    await sleep(1_100);
    const aged = await cachedAccount().expect(200);
    expect(Number(aged.headers['x-snapshot-age'])).toBeGreaterThanOrEqual(1);
    expect(await stack.poll(tenant, 'stripe')).toMatchObject({ outcome: 'polled', events: 0 });
    expect((await cachedAccount().expect(200)).headers['x-snapshot-age']).toBe('0');
  });

  it("drops a deleted connection's pages at once, and answers 404 for it", async () => {
    const qovery = tenant.connections.qovery!;
    await cachedAccount(qovery).expect(200);
    await stack.test.http
      .get('/v1/subscriptions')
      .query({ connectionId: qovery, cached: true })
      .set(tenant.auth);
    expect(reader.cache.sizeOf(qovery)).toBe(2);
    const stripePages = reader.cache.sizeOf(stripeId());
    await stack.test.http
      .delete(`/admin/tenants/${tenant.tenantId}/connections/${qovery}`)
      .set(adminAuth)
      .expect(204);
    expect(reader.cache.sizeOf(qovery)).toBe(0);
    expectProblem(await cachedAccount(qovery), 404, 'not-found');
    // Deletion changes the tenant: its other connections' pages are reloaded, not kept.
    expect(stripePages).toBe(1);
    expect(reader.cache.sizeOf(stripeId())).toBe(0);
    await cachedAccount().expect(200);
  });
});
