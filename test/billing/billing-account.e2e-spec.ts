import { createConnection } from '../support/fixtures';
import { expectProblem } from '../support/problem';
import { BillingWorld, CONNECTION_BODIES, on, PROVIDERS, startBillingWorld } from './support/billing-world';
import { expectResource } from './support/shapes';

describe('GET /v1/billing-account and PUT /v1/billing-account/details', () => {
  let world: BillingWorld;

  beforeAll(async () => {
    world = await startBillingWorld();
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  it('reads the primary connection (Stripe) when no connectionId is given', async () => {
    const response = await world.test.http.get('/v1/billing-account').set(world.auth).expect(200);
    expectResource(world, response.body, 'billingAccount', 'stripe');
    expect(response.body).toMatchObject({
      id: 'cus_FakeCustomer01',
      name: 'Fake Customer',
      email: 'billing@fake.example',
      status: 'active',
    });
    expect(world.requestsTo('stripe').map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/customers/cus_FakeCustomer01',
    ]);
  });

  it.each(PROVIDERS)('reads the %s account in the same normalized shape', async (provider) => {
    const response = await world.test.http
      .get('/v1/billing-account')
      .query(on(world, provider))
      .set(world.auth)
      .expect(200);
    expectResource(world, response.body, 'billingAccount', provider);
    expect(['active', 'delinquent', 'inactive', 'deleted', 'unknown']).toContain(response.body.status);
    expect(world.requestsTo(provider).length).toBeGreaterThan(0);
  });

  it('replaces Qovery billing details (camelCase in, the provider format out) and returns the account', async () => {
    const details = {
      connectionId: world.connections.qovery,
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@acme.example',
      address: '1 Market Street',
      city: 'San Francisco',
      zip: '94105',
      countryCode: 'US',
      state: 'CA',
      company: 'Acme',
      vatNumber: 'US123',
    };
    const response = await world.test.http
      .put('/v1/billing-account/details')
      .set(world.auth)
      .send(details)
      .expect(200);
    expectResource(world, response.body, 'billingAccount', 'qovery');
    const put = world.requestsTo('qovery').find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      country_code: 'US',
      vat_number: 'US123',
    });
    expect(world.qovery.state.billingInfo).toMatchObject({ email: 'jane@acme.example', company: 'Acme' });
  });

  it('validates billing details before calling anyone', async () => {
    const response = await world.test.http.put('/v1/billing-account/details').set(world.auth).send({
      connectionId: world.connections.qovery,
      firstName: '',
      email: 'not-an-email',
      countryCode: 'usa',
      extra: 1,
    });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors!.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'firstName',
        'lastName',
        'email',
        'address',
        'city',
        'zip',
        'countryCode',
        'extra',
      ]),
    );
    expect(world.requestsTo('qovery')).toEqual([]);
  });

  it('is a 422 naming the missing setting when an Ampersand connection has no orgId, without an upstream call', async () => {
    const { orgId: _orgId, ...account } = CONNECTION_BODIES.ampersand.account;
    const connectionId = await createConnection(world.test, world.tenant.tenantId, {
      ...CONNECTION_BODIES.ampersand,
      account,
    });
    const response = await world.test.http.get('/v1/billing-account').query({ connectionId }).set(world.auth);
    expect(expectProblem(response, 422, 'connection-misconfigured').detail).toMatch(/orgId/);
    expect(world.requestsTo('ampersand')).toEqual([]);
  });
});
