import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BillingAccountStatus,
  type BillingProvider,
  InvoiceStatus,
  NativeCatalog,
  OpenApiContract,
  type ProviderCall,
  ProviderRegistry,
  SubscriptionStatus,
} from '@app/providers';
import {
  expectRequestsToMatchContract,
  expectResponsesToMatchContract,
} from '../contract/contract-assertions';
import type { RecordedRequest } from '../fakes/fake-server';
import {
  addSubscription,
  createStripeFake,
  STRIPE_FAKE,
  STRIPE_FAKE_API_VERSION,
} from '../fakes/stripe-fake';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { createConnection, createTenantWithKey } from '../support/fixtures';
import { rejectionOf } from '../support/gateway-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CONNECTION_ID = '00000000-0000-4000-8000-00000000c0de';

const callFor = (overrides: Partial<ProviderCall> = {}): ProviderCall => ({
  connectionId: CONNECTION_ID,
  account: { customerId: STRIPE_FAKE.customerId },
  settings: { portalConfigurationId: STRIPE_FAKE.configurationId },
  credentials: { apiKey: STRIPE_FAKE.apiKey },
  ...overrides,
});

describe('Stripe adapter against a Stripe fake (every capability, every native operation)', () => {
  const fake = createStripeFake({ invoiceCount: 260 });
  let test: TestApp;
  let stripe: BillingProvider;
  let catalog: NativeCatalog;

  const sent = (method: string, pathPrefix: string): RecordedRequest[] =>
    fake.server.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  const lastSent = (method: string, pathPrefix: string): RecordedRequest => sent(method, pathPrefix).at(-1)!;

  beforeAll(async () => {
    const baseUrl = await fake.server.start();
    test = await createTestApp({ STRIPE_API_BASE_URL: baseUrl });
    stripe = test.app.get(ProviderRegistry).get('stripe');
    catalog = test.app.get(NativeCatalog);
  });

  afterAll(async () => {
    await test?.close();
    await fake.server.stop();
  });

  it('declares the capabilities Stripe really provides', () => {
    expect([...stripe.capabilities].sort()).toEqual(
      [
        'get_billing_account',
        'create_portal_session',
        'list_subscriptions',
        'get_subscription',
        'change_seats',
        'change_plan',
        'cancel_subscription_at_period_end',
        'cancel_subscription_now',
        'list_invoices',
        'get_invoice',
        'get_invoice_pdf_link',
        'verify_credentials',
      ].sort(),
    );
  });

  describe('billing account', () => {
    it('reads the connection customer', async () => {
      const account = await stripe.getBillingAccount!(callFor());
      expect(account).toEqual({
        provider: 'stripe',
        connectionId: CONNECTION_ID,
        id: STRIPE_FAKE.customerId,
        name: 'Fake Customer',
        email: 'billing@fake.example',
        plan: null,
        status: BillingAccountStatus.Active,
        providerStatus: null,
        billingEnabled: null,
        raw: { customerId: STRIPE_FAKE.customerId },
      });
      expect(lastSent('GET', '/v1/customers/').path).toBe(`/v1/customers/${STRIPE_FAKE.customerId}`);
    });

    it('reports a deleted customer as deleted', async () => {
      const call = callFor({ account: { customerId: STRIPE_FAKE.deletedCustomerId } });
      const account = await stripe.getBillingAccount!(call);
      expect(account).toMatchObject({
        status: BillingAccountStatus.Deleted,
        providerStatus: 'deleted',
        name: null,
      });
    });
  });

  describe('portal sessions', () => {
    it('opens a session for the connection customer with its configuration and the locale', async () => {
      const session = await stripe.createPortalSession!(callFor(), {
        returnUrl: 'https://app.example.com/billing',
        locale: 'fr',
      });
      expect(session).toEqual({
        provider: 'stripe',
        connectionId: CONNECTION_ID,
        url: expect.stringMatching(/^https:\/\/billing\.stripe\.com\/p\/session\//),
        expiresAt: null,
      });
      const request = lastSent('POST', '/v1/billing_portal/sessions');
      expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
      expect(request.body).toEqual({
        customer: STRIPE_FAKE.customerId,
        return_url: 'https://app.example.com/billing',
        configuration: STRIPE_FAKE.configurationId,
        locale: 'fr',
      });
      expect(request.headers['idempotency-key']).toMatch(UUID);
    });

    it('leaves configuration to Stripe when the connection names none, and forwards the caller idempotency key', async () => {
      const call = callFor({ settings: {}, idempotencyKey: 'caller-key-0001' });
      await stripe.createPortalSession!(call, { returnUrl: 'https://app.example.com/billing' });
      const request = lastSent('POST', '/v1/billing_portal/sessions');
      expect(request.body).toEqual({
        customer: STRIPE_FAKE.customerId,
        return_url: 'https://app.example.com/billing',
      });
      expect(request.headers['idempotency-key']).toBe('caller-key-0001');
    });
  });

  describe('subscriptions', () => {
    it('lists every subscription of the customer, ended ones included', async () => {
      const subscriptions = await stripe.listSubscriptions!(callFor());
      expect(subscriptions.map((s) => [s.id, s.status, s.providerStatus])).toEqual([
        [STRIPE_FAKE.subscriptions.trialing, SubscriptionStatus.Trialing, 'trialing'],
        [STRIPE_FAKE.subscriptions.active, SubscriptionStatus.Active, 'active'],
        [STRIPE_FAKE.subscriptions.expired, SubscriptionStatus.Canceled, 'incomplete_expired'],
      ]);
      expect(lastSent('GET', '/v1/subscriptions').query).toEqual({
        customer: STRIPE_FAKE.customerId,
        status: 'all',
        limit: '100',
      });
    });

    it('follows has_more across pages', async () => {
      const added = Array.from({ length: 150 }, (_, i) =>
        addSubscription(fake.state, {
          customer: STRIPE_FAKE.customerId,
          status: 'canceled',
          price: STRIPE_FAKE.prices.basic,
          quantity: 1,
          ageDays: 300 + i,
        }),
      );
      const before = sent('GET', '/v1/subscriptions').length;
      try {
        const subscriptions = await stripe.listSubscriptions!(callFor());
        expect(subscriptions).toHaveLength(153);
        const pages = sent('GET', '/v1/subscriptions').slice(before);
        expect(pages).toHaveLength(2);
        expect(pages[1]!.query.starting_after).toBe(subscriptions[99]!.id);
      } finally {
        for (const id of added) fake.state.subscriptions.delete(id);
      }
    });

    it('reads one subscription with unix times as ISO and seats/plan from the first item', async () => {
      const subscription = await stripe.getSubscription!(callFor(), STRIPE_FAKE.subscriptions.active);
      expect(subscription).toEqual({
        provider: 'stripe',
        connectionId: CONNECTION_ID,
        id: STRIPE_FAKE.subscriptions.active,
        status: SubscriptionStatus.Active,
        providerStatus: 'active',
        plan: STRIPE_FAKE.prices.basic,
        seats: 3,
        cancelAtPeriodEnd: false,
        currentPeriodStart: new Date((1_700_000_000 - 10 * 86_400) * 1000).toISOString(),
        currentPeriodEnd: new Date((1_700_000_000 + 20 * 86_400) * 1000).toISOString(),
        canceledAt: null,
        createdAt: new Date((1_700_000_000 - 100 * 86_400) * 1000).toISOString(),
        items: [{ id: expect.stringMatching(/^si_/), price: STRIPE_FAKE.prices.basic, quantity: 3 }],
      });
    });

    it("answers another customer's subscription exactly like a missing one", async () => {
      const foreign = await rejectionOf(stripe.getSubscription!(callFor(), STRIPE_FAKE.subscriptions.other));
      const missing = await rejectionOf(stripe.getSubscription!(callFor(), 'sub_DoesNotExist'));
      for (const error of [foreign, missing]) {
        expect(error).toMatchObject({ status: 404, type: 'provider-resource-not-found' });
        expect(error.options.extensions).toEqual({
          provider: 'stripe',
          upstreamStatus: 404,
          retryable: false,
        });
      }
      expect(foreign.detail).toBe(missing.detail);
    });

    it('changes seats on the first item', async () => {
      const changed = await stripe.changeSubscription!(callFor(), STRIPE_FAKE.subscriptions.active, {
        seats: 5,
      });
      expect(changed).toMatchObject({ seats: 5, plan: STRIPE_FAKE.prices.basic });
      const request = lastSent('POST', `/v1/subscriptions/${STRIPE_FAKE.subscriptions.active}`);
      expect(request.rawBody).toBe(
        `items[0][id]=si_${STRIPE_FAKE.subscriptions.active.slice(4)}&items[0][quantity]=5`,
      );
      expect(request.headers['idempotency-key']).toMatch(UUID);
    });

    it('changes the plan (price) of the first item, seats and plan together', async () => {
      const changed = await stripe.changeSubscription!(callFor(), STRIPE_FAKE.subscriptions.active, {
        plan: STRIPE_FAKE.prices.pro,
        seats: 4,
      });
      expect(changed).toMatchObject({ seats: 4, plan: STRIPE_FAKE.prices.pro });
      expect(lastSent('POST', '/v1/subscriptions/').body).toEqual({
        items: [
          {
            id: `si_${STRIPE_FAKE.subscriptions.active.slice(4)}`,
            quantity: '4',
            price: STRIPE_FAKE.prices.pro,
          },
        ],
      });
      // A later read sees the change (the fake keeps state).
      const read = await stripe.getSubscription!(callFor(), STRIPE_FAKE.subscriptions.active);
      expect(read).toMatchObject({ seats: 4, plan: STRIPE_FAKE.prices.pro });
    });

    it("never writes to another customer's subscription", async () => {
      const before = sent('POST', '/v1/subscriptions/').length;
      const error = await rejectionOf(
        stripe.changeSubscription!(callFor(), STRIPE_FAKE.subscriptions.other, { seats: 1 }),
      );
      expect(error.status).toBe(404);
      expect(sent('POST', '/v1/subscriptions/')).toHaveLength(before);
      const cancel = await rejectionOf(
        stripe.cancelSubscription!(callFor(), STRIPE_FAKE.subscriptions.other, { atPeriodEnd: false }),
      );
      expect(cancel.status).toBe(404);
      expect(sent('DELETE', '/v1/subscriptions/')).toHaveLength(0);
    });

    it('cancels at period end with cancel_at_period_end=true', async () => {
      const canceled = await stripe.cancelSubscription!(callFor(), STRIPE_FAKE.subscriptions.active, {
        atPeriodEnd: true,
      });
      expect(canceled).toMatchObject({ status: SubscriptionStatus.Active, cancelAtPeriodEnd: true });
      expect(canceled.canceledAt).toEqual(expect.any(String));
      expect(lastSent('POST', '/v1/subscriptions/').rawBody).toBe('cancel_at_period_end=true');
    });

    it('cancels now with DELETE', async () => {
      const canceled = await stripe.cancelSubscription!(callFor(), STRIPE_FAKE.subscriptions.trialing, {
        atPeriodEnd: false,
      });
      expect(canceled).toMatchObject({ status: SubscriptionStatus.Canceled, providerStatus: 'canceled' });
      const request = lastSent('DELETE', '/v1/subscriptions/');
      expect(request.path).toBe(`/v1/subscriptions/${STRIPE_FAKE.subscriptions.trialing}`);
      expect(request.rawBody).toBe('');
      expect(request.headers['idempotency-key']).toBeUndefined();
    });
  });

  describe('invoices', () => {
    it('walks every page of 260 invoices with Stripe cursors', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await stripe.listInvoices!(callFor(), { limit: 100, cursor });
        seen.push(...page.data.map((invoice) => invoice.id));
        if (!page.hasMore) {
          expect(page.nextCursor).toBeNull();
          break;
        }
        expect(page.nextCursor).toBe(page.data.at(-1)!.id);
        cursor = page.nextCursor!;
      }
      expect(seen).toHaveLength(260);
      expect(new Set(seen).size).toBe(260);
      expect(seen).not.toContain(STRIPE_FAKE.otherInvoiceId);
      const last = lastSent('GET', '/v1/invoices');
      expect(last.query).toEqual({
        customer: STRIPE_FAKE.customerId,
        limit: '100',
        starting_after: 'in_Fake0199',
      });
    });

    it('filters by status and keeps Stripe limits', async () => {
      const page = await stripe.listInvoices!(callFor(), { limit: 500, status: InvoiceStatus.Paid });
      expect(page.data).toHaveLength(100);
      expect(page.data.every((invoice) => invoice.status === InvoiceStatus.Paid)).toBe(true);
      expect(lastSent('GET', '/v1/invoices').query).toMatchObject({ status: 'paid', limit: '100' });
    });

    it('answers a status no Stripe invoice has with an empty page, without calling Stripe', async () => {
      const before = fake.server.requests.length;
      const page = await stripe.listInvoices!(callFor(), { limit: 10, status: InvoiceStatus.Unknown });
      expect(page).toEqual({ data: [], hasMore: false, nextCursor: null });
      expect(fake.server.requests).toHaveLength(before);
    });

    it('reads one invoice with money in minor units and an uppercase currency', async () => {
      const invoice = await stripe.getInvoice!(callFor(), 'in_Fake0001');
      expect(invoice).toEqual({
        provider: 'stripe',
        connectionId: CONNECTION_ID,
        id: 'in_Fake0001',
        number: 'FAKE-0259',
        status: InvoiceStatus.Paid,
        providerStatus: 'paid',
        total: { amount: 1_007, currency: 'EUR' },
        amountDue: { amount: 1_007, currency: 'EUR' },
        amountPaid: { amount: 1_007, currency: 'EUR' },
        createdAt: new Date((1_700_000_000 - 86_400) * 1000).toISOString(),
        periodStart: new Date((1_700_000_000 - 31 * 86_400) * 1000).toISOString(),
        periodEnd: new Date((1_700_000_000 - 86_400) * 1000).toISOString(),
        hostedUrl: 'https://invoice.stripe.com/i/acct_fake/in_Fake0001',
      });
    });

    it("answers another customer's invoice like a missing one", async () => {
      const error = await rejectionOf(stripe.getInvoice!(callFor(), STRIPE_FAKE.otherInvoiceId));
      expect(error).toMatchObject({ status: 404, type: 'provider-resource-not-found' });
      const pdf = await rejectionOf(stripe.getInvoicePdfLink!(callFor(), STRIPE_FAKE.otherInvoiceId));
      expect(pdf).toMatchObject({ status: 404, type: 'provider-resource-not-found' });
    });

    it('links the invoice PDF, and says a draft has none yet', async () => {
      const link = await stripe.getInvoicePdfLink!(callFor(), 'in_Fake0002');
      expect(link).toEqual({
        url: 'https://pay.stripe.com/invoice/acct_fake/in_Fake0002/pdf',
        expiresAt: null,
      });
      const draft = await rejectionOf(stripe.getInvoicePdfLink!(callFor(), STRIPE_FAKE.draftInvoiceId));
      expect(draft).toMatchObject({ status: 404, type: 'provider-resource-not-found' });
      expect(draft.detail).toContain('has no PDF yet (draft)');
    });
  });

  describe('credentials', () => {
    it('verifies a working key with a customer read', async () => {
      await expect(stripe.verifyCredentials(callFor())).resolves.toEqual({
        ok: true,
        checkedWith: 'GET /v1/customers/{customer}',
        detail: null,
      });
    });

    it('accepts a restricted (rk_) key the same way', async () => {
      const check = await stripe.verifyCredentials(
        callFor({ credentials: { apiKey: STRIPE_FAKE.restrictedKey } }),
      );
      expect(check.ok).toBe(true);
      expect(lastSent('GET', '/v1/customers/').headers.authorization).toBe(
        `Bearer ${STRIPE_FAKE.restrictedKey}`,
      );
    });

    it('says when the key works but the customer is deleted', async () => {
      const check = await stripe.verifyCredentials(
        callFor({ account: { customerId: STRIPE_FAKE.deletedCustomerId } }),
      );
      expect(check).toEqual({
        ok: true,
        checkedWith: 'GET /v1/customers/{customer}',
        detail: `The key works, but customer ${STRIPE_FAKE.deletedCustomerId} is deleted.`,
      });
    });

    it('reports a rejected key as ok:false without throwing', async () => {
      const check = await stripe.verifyCredentials(
        callFor({ credentials: { apiKey: 'sk_test_revokedKey9999' } }),
      );
      expect(check).toEqual({
        ok: false,
        checkedWith: 'GET /v1/customers/{customer}',
        detail: expect.any(String),
      });
      expect(check.detail).not.toContain('sk_test');
    });
  });

  describe('native operations', () => {
    const run = async (
      operationId: string,
      input: Parameters<NativeCatalog['prepare']>[2],
      call = callFor(),
    ) => {
      const operation = catalog.get('stripe', operationId);
      return stripe.callNative(call, operation, catalog.prepare(operation, call, input));
    };

    it('catalogues all twelve operations of the contract with their account parameters and hints', () => {
      const operations = catalog.list('stripe');
      const contractIds = OpenApiContract.for('stripe')
        .allOperations()
        .map((o) => o.operationId);
      expect(operations.map((o) => o.operationId).sort()).toEqual([...contractIds].sort());
      expect(operations).toHaveLength(12);
      const byId = Object.fromEntries(operations.map((o) => [o.operationId, o]));
      expect(byId.GetCustomersCustomer!.accountParams).toEqual({ customer: 'customerId' });
      expect(byId.PostBillingPortalSessions!.accountBodyFields).toEqual({ customer: 'customerId' });
      expect(byId.DeleteSubscriptionsSubscriptionExposedId!.hints).toMatchObject({ destructive: true });
      expect(byId.PostSubscriptionsSubscriptionExposedId!.hints).toMatchObject({
        destructive: false,
        readOnly: false,
      });
      expect(byId.PostBillingPortalSessions!.hints).toMatchObject({ readOnly: false });
      expect(byId.GetInvoices!.hints).toEqual({ readOnly: true, destructive: false, idempotent: true });
    });

    it('runs portal configuration list/create/retrieve/update', async () => {
      const list = await run('GetBillingPortalConfigurations', { query: { limit: 2, is_default: true } });
      expect(list).toMatchObject({
        status: 200,
        body: { object: 'list', data: [{ id: STRIPE_FAKE.configurationId }] },
      });

      const created = await run('PostBillingPortalConfigurations', {
        body: {
          business_profile: { headline: 'Fake Co billing' },
          features: { invoice_history: { enabled: true }, payment_method_update: { enabled: true } },
        },
      });
      const id = (created.body as { id: string }).id;
      expect(created.body).toMatchObject({
        object: 'billing_portal.configuration',
        features: { invoice_history: { enabled: true } },
      });
      expect(lastSent('POST', '/v1/billing_portal/configurations').rawBody).toBe(
        'business_profile[headline]=Fake%20Co%20billing&features[invoice_history][enabled]=true&features[payment_method_update][enabled]=true',
      );

      const read = await run('GetBillingPortalConfigurationsConfiguration', { path: { configuration: id } });
      expect(read.body).toMatchObject({ id, business_profile: { headline: 'Fake Co billing' } });

      const updated = await run('PostBillingPortalConfigurationsConfiguration', {
        path: { configuration: id },
        body: { active: false, default_return_url: 'https://app.example.com/billing' },
      });
      expect(updated.body).toMatchObject({
        id,
        active: false,
        default_return_url: 'https://app.example.com/billing',
      });
    });

    it('opens a portal session for the connection customer only', async () => {
      const result = await run('PostBillingPortalSessions', {
        body: { return_url: 'https://app.example.com/billing' },
      });
      expect(result.body).toMatchObject({
        object: 'billing_portal.session',
        customer: STRIPE_FAKE.customerId,
      });
      expect(() =>
        catalog.prepare(catalog.get('stripe', 'PostBillingPortalSessions'), callFor(), {
          body: { customer: STRIPE_FAKE.otherCustomerId },
        }),
      ).toThrow(expect.objectContaining({ status: 400 }));
    });

    it('reads the connection customer, never another', async () => {
      const result = await run('GetCustomersCustomer', {
        query: { expand: ['invoice_settings.default_payment_method'] },
      });
      expect(result.body).toMatchObject({ id: STRIPE_FAKE.customerId, object: 'customer' });
      expect(lastSent('GET', '/v1/customers/').query).toEqual({
        expand: ['invoice_settings.default_payment_method'],
      });
      expect(() =>
        catalog.prepare(catalog.get('stripe', 'GetCustomersCustomer'), callFor(), {
          path: { customer: STRIPE_FAKE.otherCustomerId },
        }),
      ).toThrow(expect.objectContaining({ status: 400 }));
    });

    it('lists, reads and updates subscriptions', async () => {
      const list = await run('GetSubscriptions', {
        query: { customer: STRIPE_FAKE.customerId, status: 'all', limit: 2, created: { gte: 0 } },
      });
      expect(list.body).toMatchObject({ object: 'list', data: [{}, {}], has_more: true });
      expect(lastSent('GET', '/v1/subscriptions').query).toMatchObject({ created: { gte: '0' }, limit: '2' });

      const read = await run('GetSubscriptionsSubscriptionExposedId', {
        path: { subscription_exposed_id: STRIPE_FAKE.subscriptions.active },
      });
      expect(read.body).toMatchObject({ id: STRIPE_FAKE.subscriptions.active, object: 'subscription' });

      const updated = await run(
        'PostSubscriptionsSubscriptionExposedId',
        {
          path: { subscription_exposed_id: STRIPE_FAKE.subscriptions.active },
          body: { metadata: { source: 'native' }, proration_behavior: 'none' },
        },
        callFor({ idempotencyKey: 'native-update-0001' }),
      );
      expect(updated.body).toMatchObject({ metadata: { source: 'native' } });
      const request = lastSent('POST', '/v1/subscriptions/');
      expect(request.rawBody).toBe('metadata[source]=native&proration_behavior=none');
      expect(request.headers['idempotency-key']).toBe('native-update-0001');
    });

    it('cancels a subscription now', async () => {
      const id = addSubscription(fake.state, {
        customer: STRIPE_FAKE.customerId,
        status: 'active',
        price: STRIPE_FAKE.prices.pro,
        quantity: 2,
        ageDays: 1,
      });
      const result = await run('DeleteSubscriptionsSubscriptionExposedId', {
        path: { subscription_exposed_id: id },
      });
      expect(result).toMatchObject({ status: 200, body: { id, status: 'canceled' } });
    });

    it('lists and reads invoices', async () => {
      const list = await run('GetInvoices', {
        query: { customer: STRIPE_FAKE.customerId, limit: 3, status: 'paid' },
      });
      expect(list.body).toMatchObject({ object: 'list', has_more: true });
      expect((list.body as { data: unknown[] }).data).toHaveLength(3);
      const read = await run('GetInvoicesInvoice', { path: { invoice: 'in_Fake0003' } });
      expect(read.body).toMatchObject({
        id: 'in_Fake0003',
        object: 'invoice',
        invoice_pdf: expect.any(String),
      });
    });

    it('runs over HTTP through the gateway native endpoint', async () => {
      const tenant = await createTenantWithKey(test);
      const connectionId = await createConnection(test, tenant.tenantId, {
        provider: 'stripe',
        credentials: { apiKey: STRIPE_FAKE.apiKey },
        account: { customerId: STRIPE_FAKE.customerId },
      });
      const response = await test.http
        .post(`/v1/connections/${connectionId}/native/GetInvoicesInvoice`)
        .set(bearer(tenant.apiKey))
        .send({ path: { invoice: 'in_Fake0004' } })
        .expect(200);
      expect(response.body).toMatchObject({
        provider: 'stripe',
        upstreamStatus: 200,
        data: { id: 'in_Fake0004' },
      });
    });
  });

  describe('wire contract (every request sent above, every response the fake gave)', () => {
    it('sent only requests that match stripe.openapi.json', () => {
      expect(fake.server.requests.length).toBeGreaterThan(30);
      expectRequestsToMatchContract('stripe', fake.server.requests);
    });

    it('got only responses that match stripe.openapi.json', () => {
      expectResponsesToMatchContract('stripe', fake.server.exchanges);
    });

    it('called every operation of the contract', () => {
      const contract = OpenApiContract.for('stripe');
      const called = new Set(
        fake.server.requests.map((r) => contract.match(r.method, r.path)?.operation.operationId),
      );
      expect([...called].sort()).toEqual(
        contract
          .allOperations()
          .map((o) => o.operationId)
          .sort(),
      );
    });

    it('authenticated every call with Bearer and pinned Stripe-Version; keyed every POST', () => {
      for (const request of fake.server.requests) {
        expect(request.headers['stripe-version']).toBe(STRIPE_FAKE_API_VERSION);
        expect(request.headers.authorization).toMatch(/^Bearer (sk|rk)_test_/);
        if (request.method === 'POST') {
          expect(request.headers['idempotency-key']).toEqual(expect.any(String));
          expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
        } else {
          expect(request.headers['idempotency-key']).toBeUndefined();
          expect(request.rawBody).toBe('');
        }
      }
    });
  });

  // After the contract checks: the DELETE body travels as a query string (as Stripe's own SDKs
  // send it), which the shared request check would call unknown query parameters.
  it('sends DELETE parameters the way the SDK does, and they match the contract body schema', async () => {
    const id = addSubscription(fake.state, {
      customer: STRIPE_FAKE.customerId,
      status: 'active',
      price: STRIPE_FAKE.prices.pro,
      quantity: 2,
      ageDays: 1,
    });
    const operation = catalog.get('stripe', 'DeleteSubscriptionsSubscriptionExposedId');
    const input = catalog.prepare(operation, callFor(), {
      path: { subscription_exposed_id: id },
      body: { invoice_now: true, prorate: false },
    });
    await expect(stripe.callNative(callFor(), operation, input)).resolves.toMatchObject({
      body: { status: 'canceled' },
    });
    const request = lastSent('DELETE', `/v1/subscriptions/${id}`);
    expect(request.query).toEqual({ invoice_now: 'true', prorate: 'false' });
    const violations = OpenApiContract.for('stripe').validateRequest(operation.operationId, {
      pathParams: { subscription_exposed_id: id },
      body: request.query,
      formEncoded: true,
    });
    expect(violations).toEqual([]);
  });
});

describe('Stripe adapter behind a base URL with a path (e.g. an egress proxy)', () => {
  let test: TestApp;
  const seen: string[] = [];
  const upstream = createServer((request, response) => {
    seen.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({ object: 'customer', id: STRIPE_FAKE.customerId, created: 1, livemode: false }),
    );
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    test = await createTestApp({ STRIPE_API_BASE_URL: `http://127.0.0.1:${port}/stripe-proxy/` });
  });

  afterAll(async () => {
    await test?.close();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('prefixes every spec path with the base path', async () => {
    const stripe = test.app.get(ProviderRegistry).get('stripe');
    await expect(stripe.getBillingAccount!(callFor())).resolves.toMatchObject({ id: STRIPE_FAKE.customerId });
    expect(seen).toEqual([`/stripe-proxy/v1/customers/${STRIPE_FAKE.customerId}`]);
  });
});
