import { adminAuth, bearer, createTestApp, TestApp } from '../support/app';
import { TEST_ADMIN_KEY_2 } from '../support/e2e-env';
import { CONNECTION_EXAMPLES, createTenantWithKey } from '../support/fixtures';
import { expectProblem, problemFields } from '../support/problem';

interface AuditEvent {
  id: string;
  actor: string;
  action: string;
  tenantId: string | null;
  targetType: string;
  targetId: string | null;
  metadata: Record<string, unknown>;
  requestId: string | null;
  createdAt: string;
}

describe('admin: audit events', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  /** Every event of a tenant, walking the pages `limit` at a time. */
  async function allEvents(tenantId: string, limit: number): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { tenantId, limit, ...(cursor ? { cursor } : {}) };
      const page = await test.http.get('/admin/audit-events').query(query).set(adminAuth).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(limit);
      events.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    return events;
  }

  it('records every administrative change of a tenant, oldest first, with actor and request id', async () => {
    const tenant = await createTenantWithKey(test);
    const base = `/admin/tenants/${tenant.tenantId}`;
    const connection = await test.http
      .post(`${base}/connections`)
      .set(adminAuth)
      .set('X-Request-Id', 'audit-test-request-1')
      .send(CONNECTION_EXAMPLES.stripe)
      .expect(201);
    await test.http
      .patch(`${base}/connections/${connection.body.id}`)
      .set({ Authorization: `Bearer ${TEST_ADMIN_KEY_2}` })
      .send({ name: 'Renamed', credentials: { apiKey: 'sk_test_auditRotation1234' } })
      .expect(200);
    await test.http.delete(`${base}/api-keys/${tenant.apiKeyId}`).set(adminAuth).expect(204);
    await test.http.patch(base).set(adminAuth).send({ name: 'Renamed tenant' }).expect(200);
    await test.http.delete(`${base}/connections/${connection.body.id}`).set(adminAuth).expect(204);

    const events = await allEvents(tenant.tenantId, 2);
    expect(events.map((event) => event.action)).toEqual([
      'tenant.created',
      'api_key.created',
      'connection.created',
      'connection.updated',
      'api_key.revoked',
      'tenant.updated',
      'connection.deleted',
    ]);
    expect(events.every((event) => event.tenantId === tenant.tenantId)).toBe(true);
    expect([...events.map((event) => event.id)].sort()).toEqual(events.map((event) => event.id));

    const created = events[2]!;
    expect(created).toMatchObject({
      targetType: 'connection',
      targetId: connection.body.id,
      requestId: 'audit-test-request-1',
      metadata: { provider: 'stripe', isPrimary: true },
    });
    expect(created.actor).toMatch(/^admin:[0-9a-f]{12}$/);
    // The second admin key acted on the update: a different fingerprint, never the key itself.
    const updated = events[3]!;
    expect(updated.actor).toMatch(/^admin:[0-9a-f]{12}$/);
    expect(updated.actor).not.toBe(created.actor);
    expect(updated.metadata).toEqual({ fields: ['name', 'credentials'] });
    expect(JSON.stringify(events)).not.toContain('sk_test_auditRotation1234');
  });

  it('keeps the trail of a deleted tenant', async () => {
    const tenant = await createTenantWithKey(test);
    await test.http.delete(`/admin/tenants/${tenant.tenantId}`).set(adminAuth).expect(204);
    const actions = (await allEvents(tenant.tenantId, 100)).map((event) => event.action);
    expect(actions).toEqual(['tenant.created', 'api_key.created', 'tenant.deleted']);
  });

  it('lists events of all tenants without a filter', async () => {
    const page = await test.http.get('/admin/audit-events').query({ limit: 5 }).set(adminAuth).expect(200);
    expect(page.body.data.length).toBeGreaterThan(0);
    expect(page.body.data.length).toBeLessThanOrEqual(5);
    expect(page.body).toEqual({
      data: expect.any(Array),
      hasMore: expect.any(Boolean),
      nextCursor: page.body.hasMore ? expect.any(String) : null,
    });
  });

  it('rejects bad filters and cursors, and tenant keys', async () => {
    const badTenant = await test.http.get('/admin/audit-events').query({ tenantId: 'nope' }).set(adminAuth);
    expect(problemFields(expectProblem(badTenant, 400, 'validation-failed'))).toEqual(['tenantId']);
    // A cursor signed for another listing is not accepted here.
    const tenants = await test.http.get('/admin/tenants').query({ limit: 1 }).set(adminAuth).expect(200);
    const foreign = await test.http
      .get('/admin/audit-events')
      .query({ cursor: tenants.body.nextCursor })
      .set(adminAuth);
    expect(problemFields(expectProblem(foreign, 400, 'validation-failed'))).toEqual(['cursor']);
    const tenant = await createTenantWithKey(test);
    expectProblem(
      await test.http.get('/admin/audit-events').set(bearer(tenant.apiKey)),
      401,
      'unauthenticated',
    );
  });
});
