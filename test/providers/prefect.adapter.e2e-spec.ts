import { ErrorType, GatewayError } from '@app/errors';
import {
  type BillingProvider,
  Capability,
  NativeCatalog,
  OpenApiContract,
  type ProviderCall,
  ProviderRegistry,
} from '@app/providers';
import {
  expectRequestsToMatchContract,
  expectResponsesToMatchContract,
} from '../contract/contract-assertions';
import { createPrefectFake, type PrefectFake } from '../fakes/prefect-fake';
import { createTestApp, type TestApp } from '../support/app';
import { rejectionOf as rejection } from '../support/gateway-error';

const OPS = {
  cancel: 'cancel_org_subscription_at_period_end_api_billing__account_id__cancel_org_subscription_post',
  portal: 'create_billing_portal_session_api_billing__account_id__create_billing_portal_session_post',
  details: 'get_billing_details_api_billing__account_id__details_get',
  manage: 'manage_subscription_api_billing__account_id__manage_subscription_post',
  subscribe: 'get_checkout_link_api_billing__account_id__subscribe_post',
  restrictions: 'get_subscription_restrictions_api_billing__account_id__subscription_restrictions_get',
  updateSlots: 'update_slots_api_billing__account_id__update_slots_post',
  validate: 'validate_subscription_status_api_billing__account_id__validate_subscription_status_post',
};

describe('Prefect adapter against a Prefect Cloud fake (contract test)', () => {
  let fake: PrefectFake;
  let test: TestApp;
  let adapter: BillingProvider;
  let catalog: NativeCatalog;
  let call: ProviderCall;
  const base = `/api/billing/9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d`;

  const requestsTo = (suffix: string) => fake.server.requests.filter((r) => r.path === `${base}/${suffix}`);

  beforeAll(async () => {
    fake = createPrefectFake();
    const baseUrl = await fake.start();
    test = await createTestApp({ PREFECT_API_BASE_URL: baseUrl });
    adapter = test.app.get(ProviderRegistry).get('prefect');
    catalog = test.app.get(NativeCatalog);
    call = {
      connectionId: 'conn_prefect_e2e',
      account: { accountId: fake.accountId },
      settings: {},
      credentials: { apiKey: fake.apiKey },
    };
  });

  afterAll(async () => {
    await test?.close();
    await fake?.stop();
  });

  it('declares exactly the capabilities Prefect provides', () => {
    expect([...adapter.capabilities].sort()).toEqual(
      [
        Capability.GetBillingAccount,
        Capability.CreatePortalSession,
        Capability.ListSubscriptions,
        Capability.GetSubscription,
        Capability.ChangeSeats,
        Capability.CancelAtPeriodEnd,
        Capability.CreateCheckoutLink,
        Capability.VerifyCredentials,
      ].sort(),
    );
  });

  it('catalogues every operation of the contract with account params and corrected hints', () => {
    const operations = catalog.list('prefect');
    const specIds = OpenApiContract.for('prefect')
      .allOperations()
      .map((o) => o.operationId);
    expect(operations.map((o) => o.operationId).sort()).toEqual([...specIds].sort());
    for (const operation of operations) expect(operation.accountParams).toEqual({ account_id: 'accountId' });
    const hints = Object.fromEntries(operations.map((o) => [o.operationId, o.hints]));
    expect(hints[OPS.cancel]).toEqual({ readOnly: false, destructive: true, idempotent: false });
    expect(hints[OPS.details]).toEqual({ readOnly: true, destructive: false, idempotent: true });
    expect(hints[OPS.restrictions]).toEqual({ readOnly: true, destructive: false, idempotent: true });
    expect(hints[OPS.validate]).toEqual({ readOnly: true, destructive: false, idempotent: true });
    expect(hints[OPS.updateSlots]).toEqual({ readOnly: false, destructive: false, idempotent: true });
    for (const id of [OPS.subscribe, OPS.portal, OPS.manage])
      expect(hints[id]).toEqual({ readOnly: false, destructive: false, idempotent: false });
  });

  it('verify_credentials: reads the billing details', async () => {
    await expect(adapter.verifyCredentials(call)).resolves.toEqual({
      ok: true,
      checkedWith: 'GET /api/billing/{account_id}/details',
      detail: null,
    });
  });

  it('get_billing_account: maps the details of the account', async () => {
    await expect(adapter.getBillingAccount!(call)).resolves.toEqual({
      provider: 'prefect',
      connectionId: 'conn_prefect_e2e',
      id: fake.accountId,
      name: null,
      email: null,
      plan: 'PRO_2024_04',
      status: 'active',
      providerStatus: 'ORGANIZATION',
      billingEnabled: true,
      raw: { accountId: fake.accountId, stripeCustomerId: 'cus_PrefectFake0001' },
    });
  });

  it('create_portal_session: sends return_url and returns the portal URL', async () => {
    const session = await adapter.createPortalSession!(call, {
      returnUrl: 'https://app.example.com/billing',
      locale: 'fr',
    });
    const opened = fake.portalSessions.at(-1)!;
    expect(session).toEqual({
      provider: 'prefect',
      connectionId: 'conn_prefect_e2e',
      url: opened.url,
      expiresAt: null,
    });
    expect(opened).toMatchObject({ returnUrl: 'https://app.example.com/billing', kind: 'portal' });
    expect(requestsTo('create_billing_portal_session').at(-1)!.body).toEqual({
      return_url: 'https://app.example.com/billing',
    });
  });

  it('list_subscriptions / get_subscription: the account has one subscription, keyed by its id', async () => {
    const expected = {
      provider: 'prefect',
      connectionId: 'conn_prefect_e2e',
      id: fake.accountId,
      status: 'active',
      providerStatus: null,
      plan: 'PRO_2024_04',
      seats: 8,
      cancelAtPeriodEnd: false,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      canceledAt: null,
      createdAt: null,
      items: [
        { id: 'users', price: null, quantity: 8 },
        { id: 'workspaces', price: null, quantity: 2 },
      ],
    };
    await expect(adapter.listSubscriptions!(call)).resolves.toEqual([expected]);
    await expect(adapter.getSubscription!(call, fake.accountId)).resolves.toEqual(expected);
  });

  it('get_subscription: any other id is a 404 without calling Prefect', async () => {
    const before = fake.server.requests.length;
    const error = await rejection(adapter.getSubscription!(call, 'sub_123'));
    expect(error).toMatchObject({ status: 404, type: ErrorType.ProviderResourceNotFound });
    expect(fake.server.requests.length).toBe(before);
  });

  it('change_seats: total seats become additional user slots on top of the free ones', async () => {
    const subscription = await adapter.changeSubscription!(call, fake.accountId, { seats: 10 });
    expect(requestsTo('update_slots').at(-1)!.body).toEqual({ additional_user_slots: 7 });
    expect(subscription).toMatchObject({
      id: fake.accountId,
      seats: 10,
      items: [{ id: 'users', quantity: 10 }, {}],
    });
    expect(fake.details.users.slots).toBe(10);
  });

  it('change_seats: seats below the plan minimum are refused before calling Prefect', async () => {
    const updates = requestsTo('update_slots').length;
    const error = await rejection(adapter.changeSubscription!(call, fake.accountId, { seats: 4 }));
    expect(error).toMatchObject({ status: 400, type: ErrorType.ValidationFailed });
    expect(error.options.errors!.map((e) => e.field)).toEqual(['seats']);
    expect(requestsTo('update_slots').length).toBe(updates);
  });

  it('change_plan is not a Prefect operation: 501 naming the provider', async () => {
    const error = await rejection(adapter.changeSubscription!(call, fake.accountId, { plan: 'TEAM' }));
    expect(error).toMatchObject({ status: 501, type: ErrorType.UnsupportedOperation });
    expect(error.options.extensions).toMatchObject({ provider: 'prefect', operation: 'change_plan' });
  });

  it('create_checkout_link: sends the tier and returns the checkout URL', async () => {
    const link = await adapter.createCheckoutLink!(call, { plan: 'TEAM' });
    const [sessionId, session] = [...fake.checkoutSessions.entries()].at(-1)!;
    expect(link).toEqual({
      provider: 'prefect',
      connectionId: 'conn_prefect_e2e',
      url: session.url,
      expiresAt: null,
    });
    expect(session.tier).toBe('TEAM');
    expect(link.url).toContain(sessionId);
    expect(requestsTo('subscribe').at(-1)!.body).toEqual({ tier: 'TEAM' });
  });

  it('create_checkout_link: a plan outside AccountPlanTier is refused before calling Prefect', async () => {
    const before = requestsTo('subscribe').length;
    const error = await rejection(adapter.createCheckoutLink!(call, { plan: 'GOLD' }));
    expect(error).toMatchObject({ status: 400, type: ErrorType.ValidationFailed });
    expect(error.options.errors!.map((e) => e.field)).toEqual(['plan']);
    expect(requestsTo('subscribe').length).toBe(before);
  });

  it('cancel now is unsupported: 501 naming the provider, nothing sent', async () => {
    const before = fake.server.requests.length;
    const error = await rejection(adapter.cancelSubscription!(call, fake.accountId, { atPeriodEnd: false }));
    expect(error).toMatchObject({ status: 501, type: ErrorType.UnsupportedOperation });
    expect(error.detail).toContain('Prefect Cloud');
    expect(error.options.extensions).toMatchObject({
      provider: 'prefect',
      operation: 'cancel_subscription_now',
    });
    expect(fake.server.requests.length).toBe(before);
  });

  it('cancel_subscription_at_period_end: cancels, then reports the re-read subscription', async () => {
    const subscription = await adapter.cancelSubscription!(call, fake.accountId, { atPeriodEnd: true });
    expect(subscription).toMatchObject({ id: fake.accountId, status: 'active', cancelAtPeriodEnd: true });
    expect(requestsTo('cancel_org_subscription')).toHaveLength(1);
    expect(requestsTo('cancel_org_subscription')[0]!.rawBody).toBe('');
    fake.details.cancel_at_period_end = false; // let the native calls below update slots again
  });

  describe('native operations', () => {
    const native = (operationId: string, input: { body?: unknown; path?: Record<string, string> } = {}) => {
      const operation = catalog.get('prefect', operationId);
      return adapter.callNative(call, operation, catalog.prepare(operation, call, input));
    };

    it('details and subscription_restrictions', async () => {
      await expect(native(OPS.details)).resolves.toMatchObject({
        status: 200,
        body: { plan_type: 'ORGANIZATION', users: { slots: 10 } },
      });
      await expect(native(OPS.restrictions)).resolves.toEqual({
        status: 200,
        body: { can_upgrade: true, can_cancel: true, available_tiers: ['PRO_2024_04', 'ENTERPRISE'] },
      });
    });

    it('create_billing_portal_session and manage_subscription', async () => {
      const portal = await native(OPS.portal, { body: { return_url: 'https://app.example.com/a' } });
      expect(portal).toEqual({ status: 200, body: { url: fake.portalSessions.at(-1)!.url } });
      const manage = await native(OPS.manage, { body: { return_url: 'https://app.example.com/b' } });
      expect(manage).toEqual({ status: 200, body: { url: fake.portalSessions.at(-1)!.url } });
      expect(fake.portalSessions.at(-1)!.kind).toBe('manage');
    });

    it('subscribe then validate_subscription_status', async () => {
      const checkout = await native(OPS.subscribe, { body: { tier: 'ENTERPRISE' } });
      const sessionId = (checkout.body as { session_id: string }).session_id;
      expect(checkout).toEqual({
        status: 200,
        body: { checkout_url: expect.stringContaining(sessionId), session_id: sessionId },
      });
      await expect(native(OPS.validate, { body: { stripe_session_id: sessionId } })).resolves.toEqual({
        status: 200,
        body: true,
      });
      expect(fake.details.plan_tier).toBe('ENTERPRISE');
      await expect(native(OPS.validate, { body: { stripe_session_id: 'cs_unknown' } })).resolves.toEqual({
        status: 200,
        body: false,
      });
    });

    it('update_slots (204, no body) and cancel_org_subscription', async () => {
      await expect(
        native(OPS.updateSlots, { body: { additional_user_slots: 4, additional_workspace_slots: 2 } }),
      ).resolves.toEqual({ status: 204, body: null });
      expect(fake.details.users.slots).toBe(7);
      expect(fake.details.workspaces.slots).toBe(3);
      await expect(native(OPS.cancel)).resolves.toEqual({ status: 200, body: null });
      expect(fake.details.cancel_at_period_end).toBe(true);
    });

    it('input is validated against the contract and account_id cannot be overridden', () => {
      const subscribe = catalog.get('prefect', OPS.subscribe);
      expect(() => catalog.prepare(subscribe, call, { body: { tier: 'GOLD' } })).toThrow(GatewayError);
      const details = catalog.get('prefect', OPS.details);
      expect(() =>
        catalog.prepare(details, call, { path: { account_id: '00000000-0000-4000-8000-000000000000' } }),
      ).toThrow(GatewayError);
    });
  });

  it('sent only requests the contract allows, got only responses it documents, for every operation', () => {
    const contract = OpenApiContract.for('prefect');
    const reached = new Set(
      fake.server.requests.map((r) => contract.match(r.method, r.path)!.operation.operationId),
    );
    expect([...reached].sort()).toEqual(Object.values(OPS).sort());
    expectRequestsToMatchContract('prefect', fake.server.requests);
    expectResponsesToMatchContract('prefect', fake.server.exchanges);
  });

  it('authenticated every request with the API key as a bearer token, JSON bodies only', () => {
    for (const request of fake.server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.path.startsWith(`${base}/`)).toBe(true);
      if (request.rawBody !== '') expect(request.contentType).toMatch(/^application\/json/);
    }
  });
});
