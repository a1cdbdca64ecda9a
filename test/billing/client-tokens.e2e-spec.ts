import { adminAuth, bearer } from '../support/app';
import { createConnection, createTenantWithKey } from '../support/fixtures';
import { expectProblem } from '../support/problem';
import { APP_ORIGIN, BillingWorld, CONNECTION_BODIES, startBillingWorld } from './support/billing-world';
import { BILLING_ROUTES, LOCAL_ROUTES, requestOn } from './support/routes';

const RETURN_URL = `${APP_ORIGIN}/billing`;

describe('client tokens: a browser may open the portal and do nothing else', () => {
  let world: BillingWorld;

  beforeAll(async () => {
    world = await startBillingWorld();
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  const issue = async (apiKey: string, body: Record<string, unknown> = { scope: 'portal-session' }) =>
    world.test.http.post('/v1/client-tokens').set(bearer(apiKey)).send(body);
  const openPortal = (token: string, body: Record<string, unknown> = {}) =>
    world.test.http
      .post('/v1/portal-session')
      .set(bearer(token))
      .send({ returnUrl: RETURN_URL, ...body });

  it('issues a prefixed, signed token valid for 300 s by default', async () => {
    const before = Date.now();
    const response = await issue(world.tenant.apiKey);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      token: expect.stringMatching(/^bgwct_\S+$/),
      scope: 'portal-session',
      expiresAt: expect.any(String),
    });
    const ttl = Date.parse(response.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(299_000);
    expect(ttl).toBeLessThanOrEqual(301_000);
  });

  it("is accepted on POST /v1/portal-session, for any of the tenant's connections", async () => {
    const { token } = (await issue(world.tenant.apiKey)).body;
    const primary = await openPortal(token).expect(201);
    expect(primary.body).toMatchObject({ provider: 'stripe', connectionId: world.connections.stripe });
    const prefect = await openPortal(token, { connectionId: world.connections.prefect }).expect(201);
    expect(prefect.body.provider).toBe('prefect');
    // Return URLs are checked exactly as with the API key.
    expectProblem(
      await openPortal(token, { returnUrl: 'https://evil.example/' }),
      422,
      'unprocessable-entity',
    );
  });

  it('is refused (401) on every other tenant route, and never reaches a provider', async () => {
    const { token } = (await issue(world.tenant.apiKey)).body;
    const routes = [
      ...BILLING_ROUTES.filter((route) => route.path !== '/v1/portal-session'),
      ...LOCAL_ROUTES,
    ];
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const route of routes) {
      const { method, url, body } = requestOn(route, world.connections.qovery);
      const request = world.test.http[method](url).set(bearer(token));
      const response = await (body ? request.send(body) : request);
      expect({ route: route.name, status: response.status }).toEqual({ route: route.name, status: 401 });
      expectProblem(response, 401, 'unauthenticated');
    }
    for (const provider of ['stripe', 'qovery', 'prefect', 'ampersand'] as const)
      expect(world.requestsTo(provider)).toEqual([]);
    // Nor on admin routes.
    expectProblem(await world.test.http.get('/admin/tenants').set(bearer(token)), 401, 'unauthenticated');
  });

  it('cannot mint further client tokens', async () => {
    const { token } = (await issue(world.tenant.apiKey)).body;
    expectProblem(await issue(token), 401, 'unauthenticated');
  });

  it('stops working once expired', async () => {
    const response = await issue(world.tenant.apiKey, { scope: 'portal-session', ttlSeconds: 1 });
    expect(response.status).toBe(201);
    await openPortal(response.body.token).expect(201);
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(response.body.expiresAt) - Date.now() + 50),
    );
    world.forgetRequests();
    expectProblem(await openPortal(response.body.token), 401, 'unauthenticated');
    expect(world.requestsTo('stripe')).toEqual([]);
  });

  it('stops working once the issuing API key is revoked, while tokens of other keys keep working', async () => {
    const second = await world.test.http
      .post(`/admin/tenants/${world.tenant.tenantId}/api-keys`)
      .set(adminAuth)
      .send({ name: 'frontend backend' })
      .expect(201);
    const revoked = (await issue(second.body.secret)).body.token;
    const kept = (await issue(world.tenant.apiKey)).body.token;
    await openPortal(revoked).expect(201);
    await world.test.http
      .delete(`/admin/tenants/${world.tenant.tenantId}/api-keys/${second.body.id}`)
      .set(adminAuth)
      .expect(204);
    expectProblem(await openPortal(revoked), 401, 'unauthenticated');
    await openPortal(kept).expect(201);
  });

  it('stops working once the tenant is deleted', async () => {
    const doomed = await createTenantWithKey(world.test, [APP_ORIGIN]);
    await createConnection(world.test, doomed.tenantId, CONNECTION_BODIES.stripe);
    const { token } = (await issue(doomed.apiKey)).body;
    await openPortal(token).expect(201);
    await world.test.http.delete(`/admin/tenants/${doomed.tenantId}`).set(adminAuth).expect(204);
    expectProblem(await openPortal(token), 401, 'unauthenticated');
  });

  it('refuses tampered or forged tokens', async () => {
    const { token } = (await issue(world.tenant.apiKey)).body as { token: string };
    const [body, mac] = token.slice('bgwct_'.length).split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const longer = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 86_400_000 })).toString(
      'base64url',
    );
    for (const forged of [
      `bgwct_${longer}.${mac}`,
      `bgwct_${body}.${mac!.slice(1)}x`,
      'bgwct_garbage',
      token.slice('bgwct_'.length),
    ]) {
      expectProblem(await openPortal(forged), 401, 'unauthenticated');
    }
  });

  it('validates scope and lifetime (at most 3600 s)', async () => {
    for (const [body, field] of [
      [{ scope: 'admin' }, 'scope'],
      [{}, 'scope'],
      [{ scope: 'portal-session', ttlSeconds: 3601 }, 'ttlSeconds'],
      [{ scope: 'portal-session', ttlSeconds: 0 }, 'ttlSeconds'],
      [{ scope: 'portal-session', ttlSeconds: 1.5 }, 'ttlSeconds'],
    ] as const) {
      const problem = expectProblem(await issue(world.tenant.apiKey, body), 400, 'validation-failed');
      expect(problem.errors!.map((e) => e.field)).toContain(field);
    }
    const max = await issue(world.tenant.apiKey, { scope: 'portal-session', ttlSeconds: 3600 });
    expect(max.status).toBe(201);
  });
});
