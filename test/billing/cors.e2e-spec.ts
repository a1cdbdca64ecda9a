import { bearer } from '../support/app';
import { createConnection, createTenantWithKey, TenantFixture } from '../support/fixtures';
import { APP_ORIGIN, BillingWorld, CONNECTION_BODIES, startBillingWorld } from './support/billing-world';

const OTHER_ORIGIN = 'https://other-tenant.example';

describe('CORS on POST /v1/portal-session', () => {
  let world: BillingWorld;
  let other: TenantFixture;

  beforeAll(async () => {
    world = await startBillingWorld();
    other = await createTenantWithKey(world.test, [OTHER_ORIGIN]);
    await createConnection(world.test, other.tenantId, CONNECTION_BODIES.stripe);
  });
  afterAll(() => world?.close());

  const preflight = (origin: string) =>
    world.test.http
      .options('/v1/portal-session')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key');

  it.each([APP_ORIGIN, OTHER_ORIGIN, 'http://localhost:5173'])(
    'answers the preflight of %s, an origin some tenant allowed, without credentials',
    async (origin) => {
      const response = await preflight(origin).expect(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(response.headers['access-control-allow-methods']).toBe('POST');
      expect(response.headers['access-control-allow-headers']).toBe(
        'Authorization, Content-Type, Idempotency-Key',
      );
      expect(response.headers['access-control-max-age']).toMatch(/^\d+$/);
      expect(response.headers['vary']).toMatch(/Origin/);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    },
  );

  it('gives no CORS headers to the preflight of an origin no tenant allowed', async () => {
    const response = await preflight('https://evil.example').expect(204);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-headers']).toBeUndefined();
  });

  it("echoes the origin on the actual request only when it is in the calling tenant's allowedReturnOrigins", async () => {
    const token = (
      await world.test.http.post('/v1/client-tokens').set(world.auth).send({ scope: 'portal-session' })
    ).body.token as string;
    const send = (origin: string, auth = bearer(token)) =>
      world.test.http
        .post('/v1/portal-session')
        .set(auth)
        .set('Origin', origin)
        .send({ returnUrl: `${APP_ORIGIN}/billing` });

    const own = await send(APP_ORIGIN).expect(201);
    expect(own.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(own.headers['vary']).toMatch(/Origin/);

    // Allowed by another tenant (so its preflight passes) but not by this one: no CORS header.
    const foreign = await send(OTHER_ORIGIN).expect(201);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();

    // The other tenant's origin is echoed for the other tenant.
    const otherCall = await send(OTHER_ORIGIN, bearer(other.apiKey)).send({ returnUrl: `${OTHER_ORIGIN}/b` });
    expect(otherCall.status).toBe(201);
    expect(otherCall.headers['access-control-allow-origin']).toBe(OTHER_ORIGIN);
  });

  it('lets the browser read refusals of its own tenant (422) too', async () => {
    const response = await world.test.http
      .post('/v1/portal-session')
      .set(world.auth)
      .set('Origin', APP_ORIGIN)
      .send({ returnUrl: 'https://evil.example/' })
      .expect(422);
    expect(response.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
  });

  it('does not open CORS on other routes', async () => {
    const response = await world.test.http
      .get('/v1/billing-account')
      .set(world.auth)
      .set('Origin', APP_ORIGIN)
      .expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const options = await world.test.http.options('/v1/invoices').set('Origin', APP_ORIGIN);
    expect(options.headers['access-control-allow-origin']).toBeUndefined();
  });
});
