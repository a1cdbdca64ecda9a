import { bearer } from '../support/app';
import { createConnection, createTenantWithKey, TenantFixture } from '../support/fixtures';
import { expectProblem } from '../support/problem';
import { APP_ORIGIN, BillingWorld, CONNECTION_BODIES, startBillingWorld } from './support/billing-world';

describe('choosing the connection: primary by default, connectionId to pick, tenant-scoped', () => {
  let world: BillingWorld;
  let other: TenantFixture & { connectionId: string };

  beforeAll(async () => {
    world = await startBillingWorld();
    const tenant = await createTenantWithKey(world.test, ['https://other.example']);
    other = {
      ...tenant,
      connectionId: await createConnection(world.test, tenant.tenantId, CONNECTION_BODIES.qovery),
    };
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  it('GET /v1/capabilities lists every connection of the tenant, primary first, with its capabilities', async () => {
    const response = await world.test.http.get('/v1/capabilities').set(world.auth).expect(200);
    expect(response.body.data.map((c: { provider: string }) => c.provider)).toEqual([
      'stripe',
      'qovery',
      'prefect',
      'ampersand',
    ]);
    for (const entry of response.body.data) {
      expect(Object.keys(entry).sort()).toEqual([
        'capabilities',
        'connectionId',
        'isPrimary',
        'name',
        'provider',
      ]);
      expect(entry.connectionId).toBe(world.connections[entry.provider as keyof typeof world.connections]);
      expect(entry.isPrimary).toBe(entry.provider === 'stripe');
      expect(entry.capabilities).toContain('verify_credentials');
    }
    expect(JSON.stringify(response.body)).not.toContain(other.connectionId);
  });

  it('acts on the primary connection when no connectionId is given, and on the named one otherwise', async () => {
    const primary = await world.test.http.get('/v1/subscriptions').set(world.auth).expect(200);
    expect(primary.body.data.every((s: { provider: string }) => s.provider === 'stripe')).toBe(true);
    const named = await world.test.http
      .get('/v1/subscriptions')
      .query({ connectionId: world.connections.prefect })
      .set(world.auth)
      .expect(200);
    expect(named.body.data.map((s: { provider: string }) => s.provider)).toEqual(['prefect']);
  });

  it("answers another tenant's connectionId exactly like a nonexistent one (404), for reads and writes", async () => {
    const missing = '0193a1f2-0000-7000-8000-000000000000';
    const read = async (connectionId: string) =>
      expectProblem(
        await world.test.http.get('/v1/invoices').query({ connectionId }).set(world.auth),
        404,
        'not-found',
      );
    const write = async (connectionId: string) =>
      expectProblem(
        await world.test.http
          .post('/v1/portal-session')
          .set(world.auth)
          .send({ returnUrl: `${APP_ORIGIN}/back`, connectionId }),
        404,
        'not-found',
      );
    for (const check of [read, write]) {
      const foreign = await check(other.connectionId);
      const nonexistent = await check(missing);
      expect(foreign.title).toBe(nonexistent.title);
      expect(foreign.detail.replace(other.connectionId, 'ID')).toBe(
        nonexistent.detail.replace(missing, 'ID'),
      );
      expect(Object.keys(foreign).sort()).toEqual(Object.keys(nonexistent).sort());
    }
    expect(world.qovery.server.requests).toEqual([]);
    // And the other tenant still reaches its own connection.
    await world.test.http.get('/v1/billing-account').set(bearer(other.apiKey)).expect(200);
  });

  it('refuses a connectionId that is not a UUID with a 400 naming it', async () => {
    const read = await world.test.http
      .get('/v1/billing-account')
      .query({ connectionId: 'stripe' })
      .set(world.auth);
    expect(expectProblem(read, 400, 'validation-failed').errors).toEqual([
      { field: 'connectionId', message: 'connectionId must be a UUID' },
    ]);
    const write = await world.test.http
      .post('/v1/checkout-session')
      .set(world.auth)
      .send({ plan: 'PRO', connectionId: 42 });
    expect(expectProblem(write, 400, 'validation-failed').errors!.map((e) => e.field)).toEqual([
      'connectionId',
    ]);
  });

  it('is a 404 naming the fix when the tenant has no primary connection', async () => {
    const empty = await createTenantWithKey(world.test);
    const response = await world.test.http.get('/v1/billing-account').set(bearer(empty.apiKey));
    expect(expectProblem(response, 404, 'not-found').detail).toMatch(/primary connection/);
    const capabilities = await world.test.http.get('/v1/capabilities').set(bearer(empty.apiKey)).expect(200);
    expect(capabilities.body).toEqual({ data: [] });
  });

  it('refuses unknown query parameters and fields', async () => {
    const response = await world.test.http
      .get('/v1/subscriptions')
      .query({ customer: 'cus_OtherCustomer02' })
      .set(world.auth);
    expect(expectProblem(response, 400, 'validation-failed').errors!.map((e) => e.field)).toEqual([
      'customer',
    ]);
  });
});
