import { randomUUID } from 'node:crypto';
import { CONNECTION_BODIES } from '../billing/support/billing-world';
import { adminAuth } from '../support/app';
import { createConnection } from '../support/fixtures';
import { expectProblem, problemFields } from '../support/problem';
import { eventually, PollingStack, type PollingTenant } from './support/polling-stack';

const DAY_MS = 86_400_000;

describe('poll schedules follow the connections', () => {
  let stack: PollingStack;
  let tenant: PollingTenant;
  const connectionUrl = (id: string, who = tenant) => `/admin/tenants/${who.tenantId}/connections/${id}`;

  beforeAll(async () => {
    stack = await PollingStack.start();
    tenant = await stack.tenant(['stripe', 'qovery']);
  });
  afterAll(() => PollingStack.shutdown(stack));

  it('gives each new connection a schedule at the default interval, at a place of its own in it', async () => {
    const [stripe, qovery] = await Promise.all(
      [tenant.connections.stripe!, tenant.connections.qovery!].map((id) => stack.scheduler(id)),
    );
    for (const [scheduler, connectionId] of [
      [stripe, tenant.connections.stripe],
      [qovery, tenant.connections.qovery],
    ] as const) {
      expect(scheduler).toMatchObject({
        every: DAY_MS,
        template: { data: { tenantId: tenant.tenantId, connectionId } },
      });
      expect(scheduler!.offset).toBeGreaterThan(0);
      expect(scheduler!.offset).toBeLessThan(DAY_MS);
      // Next run: the connection's offset within the current interval (not "now" for everyone).
      expect(scheduler!.next! % DAY_MS).toBe(scheduler!.offset);
    }
    expect(stripe!.offset).not.toBe(qovery!.offset);
  });

  it("moves the schedule to the connection's own interval, and back to the default", async () => {
    const id = tenant.connections.stripe!;
    const tooShort = await stack.test.http
      .patch(connectionUrl(id))
      .set(adminAuth)
      .send({ pollIntervalSeconds: 30 });
    expect(problemFields(expectProblem(tooShort, 400, 'validation-failed'))).toEqual(['pollIntervalSeconds']);
    const notInt = await stack.test.http
      .patch(connectionUrl(id))
      .set(adminAuth)
      .send({ pollIntervalSeconds: 90.5 });
    expectProblem(notInt, 400, 'validation-failed');

    const updated = await stack.test.http
      .patch(connectionUrl(id))
      .set(adminAuth)
      .send({ pollIntervalSeconds: 120 });
    expect(updated.status).toBe(200);
    expect(updated.body.pollIntervalSeconds).toBe(120);
    const scheduler = await stack.scheduler(id);
    expect(scheduler).toMatchObject({ every: 120_000 });
    expect(scheduler!.next! % 120_000).toBe(scheduler!.offset);
    const status = await stack.test.http
      .get(`${connectionUrl(id)}/poll`)
      .set(adminAuth)
      .expect(200);
    expect(status.body).toMatchObject({
      intervalSeconds: 120,
      scheduled: true,
      nextPollAt: expect.any(String),
    });

    const reset = await stack.test.http
      .patch(connectionUrl(id))
      .set(adminAuth)
      .send({ pollIntervalSeconds: null });
    expect(reset.body.pollIntervalSeconds).toBeNull();
    expect(await stack.scheduler(id)).toMatchObject({ every: DAY_MS });

    const created = await createConnection(stack.test, tenant.tenantId, {
      ...CONNECTION_BODIES.prefect,
      pollIntervalSeconds: 300,
    } as Parameters<typeof createConnection>[2]);
    expect(await stack.scheduler(created)).toMatchObject({ every: 300_000 });
    tenant.connections.prefect = created;
  });

  it("removes a tenant's schedules with the tenant", async () => {
    const doomed = await stack.tenant(['stripe', 'qovery']);
    const ids = [doomed.connections.stripe!, doomed.connections.qovery!];
    for (const id of ids) expect(await stack.scheduler(id)).toBeDefined();
    await stack.test.http.delete(`/admin/tenants/${doomed.tenantId}`).set(adminAuth).expect(204);
    for (const id of ids) expect(await stack.scheduler(id)).toBeUndefined();
  });

  it('removes the schedule with the connection', async () => {
    const id = tenant.connections.prefect!;
    await stack.test.http.delete(connectionUrl(id)).set(adminAuth).expect(204);
    expect(await stack.scheduler(id)).toBeUndefined();
    expectProblem(await stack.test.http.post(`${connectionUrl(id)}/poll`).set(adminAuth), 404, 'not-found');
  });

  it('reconciles at worker start-up: missing schedules restored, orphans and deleted tenants removed', async () => {
    // A hook that never ran (e.g. Redis down during the admin call), an orphan, a deleted tenant.
    await stack.queue.removeJobScheduler(`poll-${tenant.connections.qovery}`);
    const orphan = randomUUID();
    await stack.queue.upsertJobScheduler(`poll-${orphan}`, { every: DAY_MS }, { name: 'poll' });
    const gone = await stack.tenant(['stripe']);
    expect(await stack.scheduler(gone.connections.stripe!)).toBeDefined();
    // Deleted behind the gateway's back, so no hook removed its schedule.
    await stack.test.prisma.tenant.delete({ where: { id: gone.tenantId } });

    const worker = await stack.startWorker();
    const reconciled = await eventually(async () =>
      worker.logs().find((line) => line.msg === 'Poll schedules reconciled'),
    );
    expect(reconciled).toMatchObject({ connections: 2, created: 1, updated: 0, removed: 2 });
    expect(await stack.scheduler(tenant.connections.qovery!)).toMatchObject({ every: DAY_MS });
    expect(await stack.scheduler(orphan)).toBeUndefined();
    expect(await stack.scheduler(gone.connections.stripe!)).toBeUndefined();
    await worker.stop();
  });

  it("removes a vanished tenant's schedules when they fire, without waiting for a reconciliation", async () => {
    const gone = await stack.tenant(['qovery']);
    const id = gone.connections.qovery!;
    const worker = await stack.startWorker();
    await stack.idle();
    // Deleted behind the gateway's back (no hook ran): the schedule must clean itself up.
    await stack.test.prisma.tenant.delete({ where: { id: gone.tenantId } });
    // Fire its schedule now, as BullMQ would at its next slot.
    await stack.queue.add('poll', { tenantId: gone.tenantId, connectionId: id });
    await eventually(async () => (await stack.scheduler(id)) === undefined);
    expect(worker.logs()).toContainEqual(
      expect.objectContaining({ msg: 'Connection is gone: its poll schedule was removed', connectionId: id }),
    );
    await worker.stop();
  });
});
