import { adminAuth, bearer, createTestApp, TestApp } from './support/app';
import {
  CONNECTION_EXAMPLES,
  createConnection,
  createTenantWithKey,
  TenantFixture,
} from './support/fixtures';
import { expectProblem } from './support/problem';

describe('tenant isolation', () => {
  let test: TestApp;
  let alpha: TenantFixture & { connections: string[] };
  let beta: TenantFixture & { connections: string[] };

  beforeAll(async () => {
    test = await createTestApp();
    const a = await createTenantWithKey(test, ['https://alpha.example.com']);
    const b = await createTenantWithKey(test, ['https://beta.example.com']);
    alpha = {
      ...a,
      connections: [
        await createConnection(test, a.tenantId, CONNECTION_EXAMPLES.stripe),
        await createConnection(test, a.tenantId, CONNECTION_EXAMPLES.qovery),
      ],
    };
    beta = { ...b, connections: [await createConnection(test, b.tenantId, CONNECTION_EXAMPLES.prefect)] };
  });
  afterAll(() => test.close());

  it.each([
    ['alpha', () => [alpha, beta]],
    ['beta', () => [beta, alpha]],
  ])('GET /v1/tenant shows %s only its own tenant and connections', async (_name, pick) => {
    const [self, other] = pick();
    const response = await test.http.get('/v1/tenant').set(bearer(self!.apiKey)).expect(200);
    expect(response.body.id).toBe(self!.tenantId);
    expect(response.body.connections.map((connection: { id: string }) => connection.id)).toEqual(
      self!.connections,
    );
    expect(response.body.connections.every((c: { tenantId: string }) => c.tenantId === self!.tenantId)).toBe(
      true,
    );
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(other!.tenantId);
    for (const id of other!.connections) expect(text).not.toContain(id);
    for (const connection of response.body.connections)
      expect(connection.credentials.apiKey).toMatch(/^••••.{4}$/);
  });

  it('refuses a tenant key on every admin route', async () => {
    for (const request of [
      test.http.get('/admin/tenants'),
      test.http.get(`/admin/tenants/${alpha.tenantId}`),
      test.http.patch(`/admin/tenants/${alpha.tenantId}`).send({ name: 'x' }),
      test.http.get(`/admin/tenants/${alpha.tenantId}/connections`),
      test.http.post(`/admin/tenants/${alpha.tenantId}/api-keys`).send({ name: 'escalate' }),
      test.http.get('/admin/audit-events'),
    ]) {
      const response = await request.set(bearer(alpha.apiKey));
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('refuses an admin key, a missing key and a malformed header on tenant routes', async () => {
    for (const headers of [
      adminAuth,
      {},
      { Authorization: `Basic ${alpha.apiKey}` },
      bearer('bgw_unknown'),
    ]) {
      const response = await test.http.get('/v1/tenant').set(headers);
      expectProblem(response, 401, 'unauthenticated', '/v1/tenant');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('refuses a missing or wrong admin key on admin routes', async () => {
    for (const headers of [{}, bearer('adm_wrong_key_0123456789abcdef0123456789')]) {
      expectProblem(
        await test.http.get('/admin/tenants').set(headers),
        401,
        'unauthenticated',
        '/admin/tenants',
      );
    }
  });
});
