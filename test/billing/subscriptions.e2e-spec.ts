import { STRIPE_FAKE } from '../fakes/stripe-fake';
import { PREFECT_FAKE_ACCOUNT_ID } from '../fakes/prefect-fake';
import { QOVERY_FAKE_ORGANIZATION_ID } from '../fakes/qovery-fake';
import { expectProblem } from '../support/problem';
import { BillingWorld, on, Provider, startBillingWorld } from './support/billing-world';
import { expectResource } from './support/shapes';

const STATUSES = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete', 'canceled', 'unknown'];
const SUBSCRIPTION_OF: Record<'stripe' | 'qovery' | 'prefect', string> = {
  stripe: STRIPE_FAKE.subscriptions.active,
  qovery: QOVERY_FAKE_ORGANIZATION_ID,
  prefect: PREFECT_FAKE_ACCOUNT_ID,
};

describe('subscriptions', () => {
  let world: BillingWorld;

  beforeAll(async () => {
    world = await startBillingWorld();
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  const expectSubscription = (body: Record<string, unknown>, provider: Provider) => {
    expectResource(world, body, 'subscription', provider);
    expect(STATUSES).toContain(body.status);
    for (const item of body.items as Array<Record<string, unknown>>)
      expect(Object.keys(item).sort()).toEqual(['id', 'price', 'quantity']);
  };
  const patch = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    world.test.http.patch(`/v1/subscriptions/${id}`).set(world.auth).set(headers).send(body);
  const cancel = (id: string, body: Record<string, unknown>) =>
    world.test.http.post(`/v1/subscriptions/${id}/cancel`).set(world.auth).send(body);

  describe.each(['stripe', 'qovery', 'prefect'] as const)('list and get on %s', (provider) => {
    it('lists the subscriptions in the normalized shape, then gets one by id', async () => {
      const list = await world.test.http
        .get('/v1/subscriptions')
        .query(on(world, provider))
        .set(world.auth)
        .expect(200);
      expect(Object.keys(list.body)).toEqual(['data']);
      expect(list.body.data.length).toBeGreaterThan(0);
      for (const subscription of list.body.data) expectSubscription(subscription, provider);
      const id = SUBSCRIPTION_OF[provider];
      expect(list.body.data.map((s: { id: string }) => s.id)).toContain(id);

      const one = await world.test.http
        .get(`/v1/subscriptions/${id}`)
        .query(on(world, provider))
        .set(world.auth)
        .expect(200);
      expectSubscription(one.body, provider);
      expect(one.body.id).toBe(id);
    });
  });

  it("lists only the Stripe connection's customer's subscriptions (ended ones included, normalized)", async () => {
    const list = await world.test.http.get('/v1/subscriptions').set(world.auth).expect(200);
    const ids = list.body.data.map((s: { id: string }) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining(
        Object.values(STRIPE_FAKE.subscriptions).filter((id) => id !== STRIPE_FAKE.subscriptions.other),
      ),
    );
    expect(ids).not.toContain(STRIPE_FAKE.subscriptions.other);
    const active = list.body.data.find((s: { id: string }) => s.id === STRIPE_FAKE.subscriptions.active);
    expect(active).toMatchObject({
      status: 'active',
      providerStatus: 'active',
      seats: 3,
      plan: STRIPE_FAKE.prices.basic,
    });
  });

  it("answers another customer's Stripe subscription like a missing one (404)", async () => {
    const response = await world.test.http
      .get(`/v1/subscriptions/${STRIPE_FAKE.subscriptions.other}`)
      .set(world.auth);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('changes Stripe seats and plan, forwarding the Idempotency-Key', async () => {
    const seats = await patch(
      STRIPE_FAKE.subscriptions.active,
      { seats: 5 },
      { 'Idempotency-Key': 'seats-5' },
    ).expect(200);
    expectSubscription(seats.body, 'stripe');
    expect(seats.body.seats).toBe(5);
    const write = world.requestsTo('stripe').find((r) => r.method === 'POST')!;
    expect(write.headers['idempotency-key']).toBe('seats-5');
    const plan = await patch(STRIPE_FAKE.subscriptions.active, {
      plan: STRIPE_FAKE.prices.pro,
      seats: 6,
    }).expect(200);
    expect(plan.body).toMatchObject({ plan: STRIPE_FAKE.prices.pro, seats: 6 });
  });

  it('changes the Qovery plan (subscription id = organization id); seats are 501', async () => {
    const response = await patch(QOVERY_FAKE_ORGANIZATION_ID, {
      plan: 'BUSINESS_2025',
      connectionId: world.connections.qovery,
    }).expect(200);
    expectSubscription(response.body, 'qovery');
    expect(response.body.plan).toBe('BUSINESS_2025');
    expect(world.qovery.state.plan).toBe('BUSINESS_2025');
    world.forgetRequests();
    const both = await patch(QOVERY_FAKE_ORGANIZATION_ID, {
      plan: 'TEAM_2025',
      seats: 3,
      connectionId: world.connections.qovery,
    });
    expect(expectProblem(both, 501, 'unsupported-operation').operation).toBe('change_seats');
    expect(world.requestsTo('qovery')).toEqual([]);
  });

  it('changes Prefect seats (subscription id = account id); plan is 501', async () => {
    const response = await patch(PREFECT_FAKE_ACCOUNT_ID, {
      seats: 6,
      connectionId: world.connections.prefect,
    }).expect(200);
    expectSubscription(response.body, 'prefect');
    expect(response.body.seats).toBe(6);
    expect(world.prefect.details.users.slots).toBe(6);
    const plan = await patch(PREFECT_FAKE_ACCOUNT_ID, {
      plan: 'TEAM',
      connectionId: world.connections.prefect,
    });
    expect(expectProblem(plan, 501, 'unsupported-operation').operation).toBe('change_plan');
  });

  it('requires seats or plan, and validates them', async () => {
    for (const [body, field] of [
      [{}, 'seats'],
      [{ seats: 0 }, 'seats'],
      [{ seats: 2.5 }, 'seats'],
      [{ seats: '3' }, 'seats'],
      [{ plan: '' }, 'plan'],
      [{ plan: null }, 'plan'],
    ] as const) {
      const problem = expectProblem(
        await patch(STRIPE_FAKE.subscriptions.active, body),
        400,
        'validation-failed',
      );
      expect(problem.errors!.map((e) => e.field)).toContain(field);
    }
    const traversal = await world.test.http.get('/v1/subscriptions/..%2Fcustomers').set(world.auth);
    expect(expectProblem(traversal, 400, 'validation-failed').errors!.map((e) => e.field)).toEqual(['id']);
    expect(world.requestsTo('stripe')).toEqual([]);
  });

  it('cancels a Stripe subscription at period end, and another one now', async () => {
    const atEnd = await cancel(STRIPE_FAKE.subscriptions.active, { atPeriodEnd: true }).expect(200);
    expectSubscription(atEnd.body, 'stripe');
    expect(atEnd.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    const now = await cancel(STRIPE_FAKE.subscriptions.trialing, { atPeriodEnd: false }).expect(200);
    expect(now.body.status).toBe('canceled');
    expect(now.body.canceledAt).toEqual(expect.any(String));
    expect(world.requestsTo('stripe').map((r) => r.method)).toContain('DELETE');
  });

  it('cancels the Prefect subscription at period end only', async () => {
    const now = await cancel(PREFECT_FAKE_ACCOUNT_ID, {
      atPeriodEnd: false,
      connectionId: world.connections.prefect,
    });
    expect(expectProblem(now, 501, 'unsupported-operation').operation).toBe('cancel_subscription_now');
    expect(world.requestsTo('prefect')).toEqual([]);
    const atEnd = await cancel(PREFECT_FAKE_ACCOUNT_ID, {
      atPeriodEnd: true,
      connectionId: world.connections.prefect,
    }).expect(200);
    expectSubscription(atEnd.body, 'prefect');
    expect(atEnd.body.cancelAtPeriodEnd).toBe(true);
    expect(world.prefect.details.cancel_at_period_end).toBe(true);
  });

  it('requires atPeriodEnd as a boolean', async () => {
    for (const body of [{}, { atPeriodEnd: 'yes' }]) {
      const problem = expectProblem(
        await cancel(STRIPE_FAKE.subscriptions.active, body),
        400,
        'validation-failed',
      );
      expect(problem.errors!.map((e) => e.field)).toEqual(['atPeriodEnd']);
    }
  });

  it('creates a Prefect checkout link', async () => {
    const response = await world.test.http
      .post('/v1/checkout-session')
      .set(world.auth)
      .send({ plan: 'PRO', connectionId: world.connections.prefect })
      .expect(201);
    expect(response.body).toEqual({
      url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\//),
      expiresAt: null,
      provider: 'prefect',
      connectionId: world.connections.prefect,
    });
    expect([...world.prefect.checkoutSessions.values()].map((s) => s.url)).toContain(response.body.url);
  });
});
