import { CacheInvalidation } from '@app/redis';
import { adminAuth, bearer, createTestApp, TestApp } from '../support/app';
import { CONNECTION_EXAMPLES, createConnection, createTenantWithKey } from '../support/fixtures';
import { expectProblem } from '../support/problem';

/**
 * Two gateway processes (here: two apps) on the same database and Redis. Each caches API keys and
 * connections in memory; a change made through one must reach the other's cache at once.
 */
describe('caches across processes', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestApp(), createTestApp()]);
    for (const app of [a, b]) {
      const invalidation = app.app.get(CacheInvalidation);
      for (let attempt = 0; attempt < 100 && !invalidation.active; attempt++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(invalidation.active).toBe(true);
    }
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  /** Repeats `request` until it answers `status`; returns how long that took. */
  async function until(status: number, request: () => Promise<{ status: number }>): Promise<number> {
    const started = Date.now();
    while ((await request()).status !== status) {
      if (Date.now() - started > 2_000) throw new Error(`no ${status} within 2 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return Date.now() - started;
  }

  it('serves a key from memory, and drops it in every process when it is revoked', async () => {
    const tenant = await createTenantWithKey(a);
    await b.http.get('/v1/tenant').set(bearer(tenant.apiKey)).expect(200);
    // Revoked behind the gateway's back: process b still has the key in memory.
    await a.prisma.tenantApiKey.update({ where: { id: tenant.apiKeyId }, data: { revokedAt: new Date() } });
    await b.http.get('/v1/tenant').set(bearer(tenant.apiKey)).expect(200);

    // Revoked through the admin API of process a: b refuses it straight away.
    await a.http
      .delete(`/admin/tenants/${tenant.tenantId}/api-keys/${tenant.apiKeyId}`)
      .set(adminAuth)
      .expect(204);
    expect(await until(401, () => b.http.get('/v1/tenant').set(bearer(tenant.apiKey)))).toBeLessThan(500);
    expectProblem(await b.http.get('/v1/tenant').set(bearer(tenant.apiKey)), 401, 'unauthenticated');
  });

  it("drops a deleted tenant's keys in every process", async () => {
    const tenant = await createTenantWithKey(a);
    await b.http.get('/v1/tenant').set(bearer(tenant.apiKey)).expect(200);
    await a.http.delete(`/admin/tenants/${tenant.tenantId}`).set(adminAuth).expect(204);
    expect(await until(401, () => b.http.get('/v1/tenant').set(bearer(tenant.apiKey)))).toBeLessThan(500);
  });

  it('sees connection changes made through another process', async () => {
    const tenant = await createTenantWithKey(a);
    // Qovery has no portal: the route resolves the primary connection and answers 501 without
    // calling the provider, which makes the cached connection observable.
    const connectionId = await createConnection(a, tenant.tenantId, {
      ...CONNECTION_EXAMPLES.qovery,
      isPrimary: true,
    });
    const portal = () =>
      b.http
        .post('/v1/portal-session')
        .set(bearer(tenant.apiKey))
        .send({ returnUrl: 'https://app.example.com/x' });
    expectProblem(await portal(), 501, 'unsupported-operation');
    await a.http
      .delete(`/admin/tenants/${tenant.tenantId}/connections/${connectionId}`)
      .set(adminAuth)
      .expect(204);
    expect(await until(404, portal)).toBeLessThan(500);
  });

  it('applies a changed return-URL allowlist at once in every process', async () => {
    const tenant = await createTenantWithKey(a, ['https://app.example.com']);
    await createConnection(a, tenant.tenantId, { ...CONNECTION_EXAMPLES.qovery, isPrimary: true });
    const portal = () =>
      b.http
        .post('/v1/portal-session')
        .set(bearer(tenant.apiKey))
        .send({ returnUrl: 'https://new.example.com/x' });
    expectProblem(await portal(), 422, 'unprocessable-entity');
    await a.http
      .patch(`/admin/tenants/${tenant.tenantId}`)
      .set(adminAuth)
      .send({ allowedReturnOrigins: ['https://new.example.com'] })
      .expect(200);
    // Now allowed: the request gets as far as the provider check (Qovery has no portal).
    expect(await until(501, portal)).toBeLessThan(500);
  });
});
