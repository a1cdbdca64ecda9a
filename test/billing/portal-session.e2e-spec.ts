import { expectProblem } from '../support/problem';
import { APP_ORIGIN, BillingWorld, startBillingWorld } from './support/billing-world';

const RETURN_URL = `${APP_ORIGIN}/settings/billing?tab=plan`;

describe('POST /v1/portal-session', () => {
  let world: BillingWorld;

  beforeAll(async () => {
    world = await startBillingWorld();
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  const open = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    world.test.http.post('/v1/portal-session').set(world.auth).set(headers).send(body);

  it('opens a Stripe portal session on the primary connection, forwarding locale and Idempotency-Key', async () => {
    const response = await open(
      { returnUrl: RETURN_URL, locale: 'fr' },
      { 'Idempotency-Key': 'portal-001' },
    ).expect(201);
    expect(response.body).toEqual({
      url: expect.stringMatching(/^https:\/\//),
      provider: 'stripe',
      connectionId: world.connections.stripe,
      expiresAt: null,
    });
    const [call] = world.requestsTo('stripe');
    expect(call).toMatchObject({ method: 'POST', path: '/v1/billing_portal/sessions' });
    expect(call!.body).toMatchObject({
      customer: 'cus_FakeCustomer01',
      return_url: RETURN_URL,
      locale: 'fr',
      configuration: 'bpc_FakeDefault01',
    });
    expect(call!.headers['idempotency-key']).toBe('portal-001');
    expect(world.stripe.state.sessions.at(-1)!.url).toBe(response.body.url);
  });

  it('opens a Prefect Cloud portal session with the same response shape', async () => {
    const response = await open({ returnUrl: RETURN_URL, connectionId: world.connections.prefect }).expect(
      201,
    );
    expect(Object.keys(response.body).sort()).toEqual(['connectionId', 'expiresAt', 'provider', 'url']);
    expect(response.body).toMatchObject({ provider: 'prefect', connectionId: world.connections.prefect });
    expect(world.prefect.portalSessions.at(-1)).toMatchObject({
      returnUrl: RETURN_URL,
      url: response.body.url,
    });
  });

  it('opens an Ampersand portal session with the same response shape', async () => {
    const response = await open({ returnUrl: RETURN_URL, connectionId: world.connections.ampersand }).expect(
      201,
    );
    expect(Object.keys(response.body).sort()).toEqual(['connectionId', 'expiresAt', 'provider', 'url']);
    expect(response.body).toMatchObject({ provider: 'ampersand', connectionId: world.connections.ampersand });
    expect(world.ampersand.sessions.at(-1)).toMatchObject({
      redirectUrl: RETURN_URL,
      url: response.body.url,
    });
    if (response.body.expiresAt !== null)
      expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('allows http return URLs for an allowed localhost origin', async () => {
    await open({ returnUrl: 'http://localhost:5173/billing' }).expect(201);
  });

  it('is 501 for Qovery, which has no billing portal', async () => {
    const problem = expectProblem(
      await open({ returnUrl: RETURN_URL, connectionId: world.connections.qovery }),
      501,
      'unsupported-operation',
    );
    expect(problem).toMatchObject({ provider: 'qovery', operation: 'create_portal_session' });
    expect(world.requestsTo('qovery')).toEqual([]);
  });

  it.each([
    ['an origin the tenant did not allow', 'https://evil.example/steal'],
    ['a look-alike host', `${APP_ORIGIN}.evil.example/billing`],
    ['the allowed host over http', APP_ORIGIN.replace('https:', 'http:') + '/billing'],
    ['the allowed host on another port', `${APP_ORIGIN}:8443/billing`],
    ['a relative URL', '/settings/billing'],
    ['a javascript: URL', 'javascript:alert(document.cookie)'],
    ['credentials in the URL', `https://user:pass@${APP_ORIGIN.slice('https://'.length)}/billing`],
    ['a localhost port that is not allowed', 'http://localhost:8080/billing'],
  ])('refuses %s with 422 and sends nothing upstream', async (_name, returnUrl) => {
    for (const provider of ['stripe', 'prefect', 'ampersand'] as const) {
      const response = await open({ returnUrl, connectionId: world.connections[provider] });
      const problem = expectProblem(response, 422, 'unprocessable-entity');
      expect(problem.errors).toEqual([{ field: 'returnUrl', message: expect.any(String) }]);
      expect(JSON.stringify(problem)).not.toContain('evil.example');
    }
    expect(world.requestsTo('stripe')).toEqual([]);
    expect(world.requestsTo('prefect')).toEqual([]);
    expect(world.requestsTo('ampersand')).toEqual([]);
  });

  it('validates the body (400) before anything else', async () => {
    const response = await open({ returnUrl: 42, locale: 'not a locale!', extra: true });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect([...new Set(problem.errors!.map((e) => e.field))].sort()).toEqual([
      'extra',
      'locale',
      'returnUrl',
    ]);
    expect(world.requestsTo('stripe')).toEqual([]);
  });

  it('refuses a malformed Idempotency-Key with a 400 naming it', async () => {
    const response = await open({ returnUrl: RETURN_URL }, { 'Idempotency-Key': 'x'.repeat(300) });
    expect(expectProblem(response, 400, 'validation-failed').errors).toEqual([
      { field: 'Idempotency-Key', message: expect.any(String) },
    ]);
  });
});
