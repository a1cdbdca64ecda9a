import { expectProblem } from '../support/problem';
import { BillingWorld, PROVIDERS, startBillingWorld } from './support/billing-world';
import { BILLING_ROUTES, requestOn } from './support/routes';

const UNSUPPORTED = BILLING_ROUTES.flatMap((route) =>
  PROVIDERS.filter((provider) => !route.supportedBy.includes(provider)).map(
    (provider) => [route.name, provider, route] as const,
  ),
);

describe('501 unsupported-operation for every (route x provider) the provider does not offer', () => {
  let world: BillingWorld;

  beforeAll(async () => {
    world = await startBillingWorld();
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  it('covers the whole matrix', () => {
    expect(UNSUPPORTED.length).toBe(42);
  });

  it.each(UNSUPPORTED)(
    '%s on %s is 501 naming who supports it, with no upstream call',
    async (_name, provider, route) => {
      const { method, url, body } = requestOn(route, world.connections[provider]);
      const request = world.test.http[method](url).set(world.auth);
      const response = await (body ? request.send(body) : request);
      const problem = expectProblem(response, 501, 'unsupported-operation');
      expect(problem).toMatchObject({
        provider,
        operation: route.capability,
        connectionId: world.connections[provider],
      });
      expect([...(problem.supportedBy as string[])].sort()).toEqual([...route.supportedBy].sort());
      expect(problem.nativeOperations).toEqual(expect.any(Array));
      expect(world.requestsTo(provider)).toEqual([]);
    },
  );

  it('GET /v1/capabilities reports the same matrix per connection', async () => {
    const response = await world.test.http.get('/v1/capabilities').set(world.auth).expect(200);
    const byProvider = Object.fromEntries(
      (response.body.data as Array<{ provider: string; capabilities: string[] }>).map((c) => [
        c.provider,
        c.capabilities,
      ]),
    );
    for (const route of BILLING_ROUTES) {
      for (const provider of PROVIDERS) {
        expect({
          route: route.name,
          provider,
          supported: byProvider[provider]!.includes(route.capability),
        }).toEqual({
          route: route.name,
          provider,
          supported: route.supportedBy.includes(provider),
        });
      }
    }
  });
});
