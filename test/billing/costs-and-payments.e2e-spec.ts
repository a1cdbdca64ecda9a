import { QOVERY_DECLINED_CARD } from '../fakes/qovery-fake';
import { captureOutput, OutputCapture } from '../support/log-capture';
import { expectProblem } from '../support/problem';
import { BillingWorld, on, startBillingWorld } from './support/billing-world';
import { expectResource } from './support/shapes';

/** Distinctive card data, looked for in logs and responses. */
const CARD = { number: '5555555555554444', cvv: '737', expiryMonth: 11, expiryYear: 2031 };

describe('costs, payment methods and credits (Qovery)', () => {
  let world: BillingWorld;
  let output: OutputCapture;
  let qovery: { connectionId: string };

  beforeAll(async () => {
    output = captureOutput(); // before the app exists, so its logs go through the capture
    try {
      world = await startBillingWorld({ env: { LOG_LEVEL: 'trace' } });
    } catch (error) {
      output.stop();
      throw error;
    }
    qovery = on(world, 'qovery');
  });
  afterAll(async () => {
    output?.stop();
    await world?.close();
  });
  beforeEach(() => world.forgetRequests());

  it('reads the current cost', async () => {
    const response = await world.test.http.get('/v1/costs/current').query(qovery).set(world.auth).expect(200);
    expectResource(world, response.body, 'currentCost', 'qovery');
    expect(response.body).toMatchObject({ plan: 'TEAM_2025', total: { amount: 29_900, currency: 'USD' } });
  });

  it('reads the cost range of a cluster, and 404s an unknown one', async () => {
    const clusterId = world.qovery.clusterId;
    const response = await world.test.http
      .get(`/v1/costs/clusters/${clusterId}`)
      .query(qovery)
      .set(world.auth)
      .expect(200);
    expectResource(world, response.body, 'costRange', 'qovery');
    expect(response.body).toMatchObject({
      clusterId,
      min: { amount: 15_000, currency: 'USD' },
      max: { amount: 30_050, currency: 'USD' },
    });
    const unknown = await world.test.http
      .get('/v1/costs/clusters/3f1d2c4b-8a7e-4e6f-9b0a-1c2d3e4f5a6b')
      .query(qovery)
      .set(world.auth);
    expect(unknown.status).toBe(404);
  });

  it('adds a card (data passed straight through), lists it and removes it', async () => {
    const added = await world.test.http
      .post('/v1/payment-methods')
      .set(world.auth)
      .set('Idempotency-Key', 'card-1')
      .send({ ...CARD, ...qovery })
      .expect(201);
    expectResource(world, added.body, 'paymentMethod', 'qovery');
    expect(added.body).toMatchObject({
      type: 'card',
      last4: '4444',
      expiryMonth: 11,
      expiryYear: 2031,
      expired: false,
    });
    const sent = world.requestsTo('qovery').find((r) => r.method === 'POST')!;
    expect(sent.body).toMatchObject({
      number: CARD.number,
      cvv: CARD.cvv,
      expiry_month: 11,
      expiry_year: 2031,
    });

    const listed = await world.test.http.get('/v1/payment-methods').query(qovery).set(world.auth).expect(200);
    expect(listed.body).toEqual({ data: [added.body] });

    await world.test.http
      .delete(`/v1/payment-methods/${added.body.id}`)
      .query(qovery)
      .set(world.auth)
      .expect(204);
    expect(
      (await world.test.http.get('/v1/payment-methods').query(qovery).set(world.auth).expect(200)).body,
    ).toEqual({ data: [] });
  });

  it('reports a declined card as the provider rejecting the input, without echoing the card', async () => {
    const response = await world.test.http
      .post('/v1/payment-methods')
      .set(world.auth)
      .send({ ...CARD, number: QOVERY_DECLINED_CARD, ...qovery });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(response.body)).not.toContain(QOVERY_DECLINED_CARD);
  });

  it('validates card fields without echoing the submitted values, and sends nothing upstream', async () => {
    const bad = { number: '4242-4242-4242-4242', cvv: '73a7', expiryMonth: 13, expiryYear: 31, ...qovery };
    const response = await world.test.http.post('/v1/payment-methods').set(world.auth).send(bad);
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual([
      'cvv',
      'expiryMonth',
      'expiryYear',
      'number',
    ]);
    // What the caller sent must not come back (the request id is random and may contain digits).
    const text = JSON.stringify({ detail: problem.detail, errors: problem.errors });
    for (const value of ['4242-4242-4242-4242', '73a7', '13', '31']) expect(text).not.toContain(value);
    expect(world.requestsTo('qovery')).toEqual([]);
  });

  it('never writes card data to the logs, even at trace level', () => {
    const logs = output.text();
    expect(logs).toContain('/v1/payment-methods'); // the access log did run
    for (const secret of [CARD.number, QOVERY_DECLINED_CARD, '4242-4242-4242-4242'])
      expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/"cvv"\s*:\s*"(737|73a7)"/);
  });

  it('redeems a credit code once', async () => {
    await world.test.http
      .post('/v1/credits')
      .set(world.auth)
      .send({ code: 'WELCOME-100', ...qovery })
      .expect(204);
    expect(world.qovery.state.creditCodes.get('WELCOME-100')).toEqual({ redeemed: true });
    const again = await world.test.http
      .post('/v1/credits')
      .set(world.auth)
      .send({ code: 'WELCOME-100', ...qovery });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    expectProblem(
      await world.test.http
        .post('/v1/credits')
        .set(world.auth)
        .send({ ...qovery }),
      400,
      'validation-failed',
    );
  });
});
