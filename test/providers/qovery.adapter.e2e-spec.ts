import { ErrorType, GatewayError } from '@app/errors';
import {
  BillingAccountStatus,
  type BillingProvider,
  Capability,
  type Invoice,
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
import {
  createQoveryFake,
  QOVERY_DECLINED_CARD,
  QOVERY_FAKE_ORGANIZATION_ID as ORG,
  QOVERY_FAKE_PDF,
  QOVERY_FAKE_TOKEN,
  type QoveryFake,
} from '../fakes/qovery-fake';
import { createTestApp, type TestApp } from '../support/app';
import { rejectionOf as gatewayError } from '../support/gateway-error';

describe('qovery adapter against a fake Qovery (contract test)', () => {
  let fake: QoveryFake;
  let test: TestApp;
  let adapter: BillingProvider;
  let catalog: NativeCatalog;
  const call: ProviderCall = {
    connectionId: '7b1d9c2e-3f4a-4b5c-8d6e-0f1a2b3c4d5e',
    account: { organizationId: ORG },
    settings: {},
    credentials: { apiKey: QOVERY_FAKE_TOKEN },
  };
  const origin = { provider: 'qovery' as const, connectionId: call.connectionId };
  const contract = OpenApiContract.for('qovery');
  const apiRequests = () =>
    fake.server.requests.filter((request) => request.path.startsWith('/organization/'));

  beforeAll(async () => {
    fake = createQoveryFake({ invoices: 250 });
    const baseUrl = await fake.start();
    test = await createTestApp({ QOVERY_API_BASE_URL: baseUrl });
    adapter = test.app.get(ProviderRegistry).get('qovery');
    catalog = test.app.get(NativeCatalog);
  });
  afterAll(async () => {
    await test?.close();
    await fake?.stop();
  });

  it('declares what Qovery provides, and neither portal sessions nor cancellation', () => {
    expect([...adapter.capabilities].sort()).toEqual(
      [
        Capability.GetBillingAccount,
        Capability.UpdateBillingDetails,
        Capability.ListSubscriptions,
        Capability.GetSubscription,
        Capability.ChangePlan,
        Capability.ListInvoices,
        Capability.GetInvoice,
        Capability.GetInvoicePdfLink,
        Capability.RequestInvoiceExport,
        Capability.GenerateUsageReport,
        Capability.GetCurrentCost,
        Capability.GetClusterCost,
        Capability.ListPaymentMethods,
        Capability.AddPaymentMethod,
        Capability.RemovePaymentMethod,
        Capability.RedeemCreditCode,
        Capability.VerifyCredentials,
      ].sort(),
    );
    for (const absent of [
      Capability.CreatePortalSession,
      Capability.CancelAtPeriodEnd,
      Capability.CancelNow,
      Capability.ChangeSeats,
      Capability.CreateCheckoutLink,
    ])
      expect(adapter.supports(absent)).toBe(false);
  });

  it('catalogues every operation of the Qovery contract with the organization fixed by the connection', () => {
    const operations = catalog.list('qovery');
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      contract
        .allOperations()
        .map((operation) => operation.operationId)
        .sort(),
    );
    expect(operations).toHaveLength(16);
    for (const operation of operations)
      expect(operation.accountParams).toEqual({ organizationId: 'organizationId' });
    const hints = Object.fromEntries(operations.map((operation) => [operation.operationId, operation.hints]));
    expect(hints.deleteCreditCard).toEqual({ readOnly: false, destructive: true, idempotent: true });
    expect(hints.changePlan).toEqual({ readOnly: false, destructive: false, idempotent: true });
    expect(hints.editOrganizationBillingInfo).toEqual({
      readOnly: false,
      destructive: false,
      idempotent: true,
    });
    for (const id of [
      'generateBillingUsageReport',
      'organizationDownloadAllInvoices',
      'addCreditCard',
      'addCreditCode',
    ])
      expect(hints[id]).toEqual({ readOnly: false, destructive: false, idempotent: false });
    expect(hints.listOrganizationInvoice).toEqual({ readOnly: true, destructive: false, idempotent: true });
  });

  describe('verifyCredentials', () => {
    it('is ok with a valid token', async () => {
      await expect(adapter.verifyCredentials(call)).resolves.toEqual({
        ok: true,
        checkedWith: 'GET /organization/{organizationId}/billingStatus',
        detail: null,
      });
    });

    it('is not ok (and does not throw) when Qovery rejects the token', async () => {
      const check = await adapter.verifyCredentials({
        ...call,
        credentials: { apiKey: 'qov_wrong_token_000' },
      });
      expect(check).toEqual({
        ok: false,
        checkedWith: 'GET /organization/{organizationId}/billingStatus',
        detail: expect.stringContaining('401'),
      });
      expect(JSON.stringify(check)).not.toContain('qov_wrong_token_000');
    });
  });

  describe('billing account', () => {
    it('assembles the account from billing info, status, external id and current cost', async () => {
      const before = fake.server.requests.length;
      await expect(adapter.getBillingAccount!(call)).resolves.toEqual({
        ...origin,
        id: fake.state.billingExternalId,
        name: 'Forrest Gump',
        email: 'forrest@gump.com',
        plan: 'TEAM_2025',
        status: BillingAccountStatus.Active,
        providerStatus: 'Billing is valid',
        billingEnabled: true,
        raw: { organizationId: ORG, billingExternalId: fake.state.billingExternalId },
      });
      expect(
        fake.server.requests
          .slice(before)
          .map((request) => `${request.method} ${request.path}`)
          .sort(),
      ).toEqual(
        ['billingExternalId', 'billingInfo', 'billingStatus', 'currentCost'].map(
          (leaf) => `GET /organization/${ORG}/${leaf}`,
        ),
      );
    });

    it('reports an invalid billing status as delinquent', async () => {
      fake.state.billingStatus = { is_valid: false, message: 'An invoice is unpaid since 8 days' };
      try {
        await expect(adapter.getBillingAccount!(call)).resolves.toMatchObject({
          status: BillingAccountStatus.Delinquent,
          providerStatus: 'An invoice is unpaid since 8 days',
          billingEnabled: false,
        });
      } finally {
        fake.state.billingStatus = { is_valid: true, message: 'Billing is valid' };
      }
    });

    it('updates the billing details (snake_case PUT) and returns the updated account', async () => {
      const account = await adapter.updateBillingDetails!(call, {
        firstName: 'Jenny',
        lastName: 'Curran',
        email: 'jenny@example.com',
        address: '1 Bayou Road',
        city: 'Greenbow',
        zip: '36744',
        countryCode: 'US',
        company: 'Bubba Gump Shrimp Co.',
        vatNumber: 'US123456',
      });
      expect(account).toMatchObject({ name: 'Bubba Gump Shrimp Co.', email: 'jenny@example.com' });
      const put = fake.server.requests.find((request) => request.method === 'PUT')!;
      expect(put.body).toEqual({
        first_name: 'Jenny',
        last_name: 'Curran',
        email: 'jenny@example.com',
        address: '1 Bayou Road',
        city: 'Greenbow',
        zip: '36744',
        country_code: 'US',
        company: 'Bubba Gump Shrimp Co.',
        vat_number: 'US123456',
      });
      // The change is Qovery's state now: a later read sees it.
      await expect(adapter.getBillingAccount!(call)).resolves.toMatchObject({ email: 'jenny@example.com' });
    });

    it('surfaces Qovery refusing the details as provider-rejected-input with its message', async () => {
      const error = await gatewayError(
        adapter.updateBillingDetails!(call, {
          firstName: 'Jenny',
          lastName: 'Curran',
          email: 'jenny@example.com',
          address: '1 Bayou Road',
          city: 'Greenbow',
          zip: '36744',
          countryCode: 'Narnia',
        }),
      );
      expect(error.type).toBe(ErrorType.ProviderRejectedInput);
      expect(error.status).toBe(422);
      expect(error.detail).toBe('qovery rejected the request: country_code is not an ISO country code');
      expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 400, retryable: false });
    });
  });

  describe('subscriptions (the organization plan)', () => {
    it('lists the single subscription, id = organization id', async () => {
      const subscriptions = await adapter.listSubscriptions!(call);
      expect(subscriptions).toEqual([
        {
          ...origin,
          id: ORG,
          status: SubscriptionStatus.Active,
          providerStatus: null,
          plan: 'TEAM_2025',
          seats: null,
          cancelAtPeriodEnd: null,
          currentPeriodStart: null,
          currentPeriodEnd: '2026-12-01T00:00:00.000Z',
          canceledAt: null,
          createdAt: null,
          items: [],
        },
      ]);
      await expect(adapter.getSubscription!(call, ORG)).resolves.toEqual(subscriptions[0]);
    });

    it('is trialing while trial days remain', async () => {
      fake.state.remainingTrialDays = 9;
      try {
        await expect(adapter.getSubscription!(call, ORG)).resolves.toMatchObject({
          status: SubscriptionStatus.Trialing,
        });
      } finally {
        fake.state.remainingTrialDays = 0;
      }
    });

    it('has no other subscription', async () => {
      const error = await gatewayError(
        adapter.getSubscription!(call, '00000000-0000-4000-8000-000000000000'),
      );
      expect(error.type).toBe(ErrorType.NotFound);
    });

    it('changes the plan and returns the subscription on the new plan', async () => {
      const subscription = await adapter.changeSubscription!(call, ORG, { plan: 'ENTERPRISE_2025' });
      expect(subscription).toMatchObject({
        id: ORG,
        plan: 'ENTERPRISE_2025',
        status: SubscriptionStatus.Active,
      });
      expect(fake.state.plan).toBe('ENTERPRISE_2025');
      const post = fake.server.requests.find((request) => request.path.endsWith('/changePlan'))!;
      expect(post.body).toEqual({ plan: 'ENTERPRISE_2025' });
      await expect(adapter.listSubscriptions!(call)).resolves.toMatchObject([{ plan: 'ENTERPRISE_2025' }]);
    });

    it('rejects seat changes and a missing plan without calling Qovery', async () => {
      const before = fake.server.requests.length;
      const seats = await gatewayError(adapter.changeSubscription!(call, ORG, { seats: 3 }));
      expect(seats.options.errors).toEqual([{ field: 'seats', message: expect.any(String) }]);
      const empty = await gatewayError(adapter.changeSubscription!(call, ORG, {}));
      expect(empty.options.errors).toEqual([{ field: 'plan', message: 'is required' }]);
      expect(fake.server.requests.length).toBe(before);
    });

    it('passes on Qovery refusing an unknown plan', async () => {
      const error = await gatewayError(adapter.changeSubscription!(call, ORG, { plan: 'GOLD' }));
      expect(error.type).toBe(ErrorType.ProviderRejectedInput);
      expect(error.detail).toContain('plan is not a valid plan');
    });
  });

  describe('invoices', () => {
    const expectedOrder = () =>
      [...fake.state.invoices]
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || (a.id < b.id ? -1 : 1))
        .map((invoice) => invoice.id);

    async function walk(limit: number, status?: InvoiceStatus): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await adapter.listInvoices!(call, { limit, cursor, status });
        pages++;
        expect(page.data.length).toBeLessThanOrEqual(limit);
        ids.push(...page.data.map((invoice) => invoice.id));
        if (!page.hasMore) {
          expect(page.nextCursor).toBeNull();
          return { ids, pages };
        }
        expect(page.nextCursor).toBe(page.data[page.data.length - 1]!.id);
        cursor = page.nextCursor!;
      }
    }

    it('walks all 250 invoices newest first, each exactly once', async () => {
      const { ids, pages } = await walk(100);
      expect(pages).toBe(3);
      expect(ids).toHaveLength(250);
      expect(new Set(ids).size).toBe(250);
      expect(ids).toEqual(expectedOrder());
    });

    it('maps an invoice with money in minor units from total_in_cents', async () => {
      const page = await adapter.listInvoices!(call, { limit: 1 });
      const wire = fake.state.invoices.find((invoice) => invoice.id === page.data[0]!.id)!;
      expect(page.data[0]).toEqual<Invoice>({
        ...origin,
        id: wire.id,
        number: null,
        status: expect.any(String),
        providerStatus: wire.status,
        total: { amount: wire.total_in_cents, currency: 'USD' },
        amountDue: null,
        amountPaid: null,
        createdAt: wire.created_at,
        periodStart: null,
        periodEnd: null,
        hostedUrl: null,
      });
    });

    it.each([
      [InvoiceStatus.Paid, ['PAID']],
      [InvoiceStatus.Open, ['POSTED', 'PAYMENT_DUE']],
      [InvoiceStatus.Uncollectible, ['NOT_PAID']],
      [InvoiceStatus.Draft, ['PENDING']],
      [InvoiceStatus.Void, ['VOIDED']],
      [InvoiceStatus.Unknown, ['UNKNOWN']],
    ])('filters by status %s (Qovery %j) while paging', async (status, raw) => {
      const { ids } = await walk(7, status);
      const wanted = new Set(
        fake.state.invoices.filter((invoice) => raw.includes(invoice.status)).map((invoice) => invoice.id),
      );
      expect(ids.length).toBe(wanted.size);
      expect(ids.every((id) => wanted.has(id))).toBe(true);
      expect(ids).toEqual(expectedOrder().filter((id) => wanted.has(id)));
    });

    it('rejects a cursor naming no invoice with a validation error on cursor', async () => {
      const error = await gatewayError(
        adapter.listInvoices!(call, { limit: 10, cursor: '11111111-1111-4111-8111-111111111111' }),
      );
      expect(error.type).toBe(ErrorType.ValidationFailed);
      expect(error.status).toBe(400);
      expect(error.options.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    });

    it('gets one invoice, and 404s an unknown one', async () => {
      const wire = fake.state.invoices[42]!;
      await expect(adapter.getInvoice!(call, wire.id)).resolves.toMatchObject({
        id: wire.id,
        providerStatus: wire.status,
        total: { amount: wire.total_in_cents, currency: 'USD' },
      });
      const error = await gatewayError(adapter.getInvoice!(call, '22222222-2222-4222-8222-222222222222'));
      expect(error.type).toBe(ErrorType.ProviderResourceNotFound);
      expect(error.status).toBe(404);
    });

    it('returns the PDF link, which serves the PDF', async () => {
      const wire = fake.state.invoices[7]!;
      const link = await adapter.getInvoicePdfLink!(call, wire.id);
      expect(link).toEqual({ url: `${fake.baseUrl}/files/invoices/${wire.id}.pdf`, expiresAt: null });
      const pdf = await fetch(link.url);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(await pdf.text()).toBe(QOVERY_FAKE_PDF);
    });

    it('requests the invoice export (emailed by Qovery)', async () => {
      const before = fake.state.invoiceExportsRequested;
      await expect(adapter.requestInvoiceExport!(call)).resolves.toBeUndefined();
      expect(fake.state.invoiceExportsRequested).toBe(before + 1);
    });
  });

  describe('usage and cost', () => {
    it('generates a usage report whose links work', async () => {
      const requestedAt = Date.now();
      const report = await adapter.generateUsageReport!(call, {
        from: '2024-01-01T00:00:00Z',
        to: '2024-01-31T23:59:59Z',
        expiresInSeconds: 900,
      });
      expect(report.url).toMatch(new RegExp(`^${fake.baseUrl}/files/usage-reports/`));
      expect(report.deleteUrl).toMatch(/\?token=/);
      const expiresAt = Date.parse(report.expiresAt!);
      expect(expiresAt).toBeGreaterThanOrEqual(requestedAt + 900_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);
      const sent = fake.server.requests.find((request) => request.path.endsWith('/billingUsageReport'))!;
      expect(sent.body).toEqual({
        from: '2024-01-01T00:00:00.000Z',
        to: '2024-01-31T23:59:59.000Z',
        report_expiration_in_seconds: 900,
      });
      const csv = await fetch(report.url);
      expect(await csv.text()).toMatch(/^date,service/);
      expect((await fetch(report.deleteUrl!, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(report.url)).status).toBe(404);
    });

    it('reads the current cost in minor units', async () => {
      await expect(adapter.getCurrentCost!(call)).resolves.toEqual({
        ...origin,
        plan: fake.state.plan,
        total: { amount: 29_900, currency: 'USD' },
        renewalAt: '2026-12-01T00:00:00.000Z',
        remainingTrialDays: 0,
      });
    });

    it('reads a cluster cost range, and 404s an unknown cluster', async () => {
      await expect(adapter.getClusterCost!(call, fake.clusterId)).resolves.toEqual({
        ...origin,
        clusterId: fake.clusterId,
        min: { amount: 15_000, currency: 'USD' },
        max: { amount: 30_050, currency: 'USD' },
      });
      const error = await gatewayError(adapter.getClusterCost!(call, '33333333-3333-4333-8333-333333333333'));
      expect(error.type).toBe(ErrorType.ProviderResourceNotFound);
    });
  });

  describe('payment methods and credit codes', () => {
    const card = { number: '4242424242424242', cvv: '123', expiryMonth: 4, expiryYear: 2031 };

    it('adds a card (201), lists it, removes it (204)', async () => {
      const added = await adapter.addPaymentMethod!(call, card);
      expect(added).toEqual({
        ...origin,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'card',
        brand: 'VISA',
        last4: '4242',
        expiryMonth: 4,
        expiryYear: 2031,
        expired: false,
        createdAt: expect.stringMatching(/Z$/),
      });
      const sent = fake.server.requests.find((r) => r.method === 'POST' && r.path.endsWith('/creditCard'))!;
      expect(sent.body).toEqual({ number: card.number, cvv: '123', expiry_month: 4, expiry_year: 2031 });
      expect(JSON.stringify(added)).not.toContain(card.number);
      await expect(adapter.listPaymentMethods!(call)).resolves.toEqual([added]);
      await expect(adapter.removePaymentMethod!(call, added.id)).resolves.toBeUndefined();
      await expect(adapter.listPaymentMethods!(call)).resolves.toEqual([]);
      const again = await gatewayError(adapter.removePaymentMethod!(call, added.id));
      expect(again.type).toBe(ErrorType.ProviderResourceNotFound);
    });

    it('surfaces a declined card without repeating the card number', async () => {
      const error = await gatewayError(
        adapter.addPaymentMethod!(call, { ...card, number: QOVERY_DECLINED_CARD }),
      );
      expect(error.type).toBe(ErrorType.ProviderRejectedInput);
      expect(error.detail).toBe('qovery rejected the request: Your card was declined.');
      expect(JSON.stringify({ detail: error.detail, options: error.options })).not.toContain(
        QOVERY_DECLINED_CARD,
      );
      const attempts = fake.server.requests.filter(
        (r) =>
          r.path.endsWith('/creditCard') && (r.body as { number?: string })?.number === QOVERY_DECLINED_CARD,
      );
      expect(attempts).toHaveLength(1); // not retried: adding a card is not safe to repeat
    });

    it('redeems a credit code once', async () => {
      await expect(adapter.redeemCreditCode!(call, 'WELCOME-100')).resolves.toBeUndefined();
      expect(fake.state.creditCodes.get('WELCOME-100')).toEqual({ redeemed: true });
      const again = await gatewayError(adapter.redeemCreditCode!(call, 'WELCOME-100'));
      expect(again.type).toBe(ErrorType.ProviderRejectedInput);
      expect(again.detail).toContain('Invalid or already used credit code');
    });
  });

  describe('native operations', () => {
    const state: { cardId?: string } = {};
    const cases: Array<[string, () => { path?: Record<string, string>; body?: unknown }, number]> = [
      ['getOrganizationBillingExternalId', () => ({}), 200],
      ['getOrganizationBillingInfo', () => ({}), 200],
      [
        'editOrganizationBillingInfo',
        () => ({
          body: {
            first_name: 'Forrest',
            last_name: 'Gump',
            email: 'forrest@gump.com',
            address: '21 Jenny Street',
            city: 'Greenbow',
            zip: '36744',
            country_code: 'US',
          },
        }),
        200,
      ],
      ['getOrganizationBillingStatus', () => ({}), 200],
      [
        'generateBillingUsageReport',
        () => ({
          body: {
            from: '2024-02-01T00:00:00Z',
            to: '2024-02-29T00:00:00Z',
            report_expiration_in_seconds: 60,
          },
        }),
        200,
      ],
      ['changePlan', () => ({ body: { plan: 'TEAM' } }), 200],
      ['getClusterCurrentCost', () => ({ path: { clusterId: fake.clusterId } }), 200],
      [
        'addCreditCard',
        () => ({ body: { number: '5555555555554444', cvv: '321', expiry_month: 12, expiry_year: 2030 } }),
        201,
      ],
      ['listOrganizationCreditCards', () => ({}), 200],
      ['deleteCreditCard', () => ({ path: { creditCardId: state.cardId! } }), 204],
      ['addCreditCode', () => ({ body: { code: 'NATIVE-50' } }), 200],
      ['getOrganizationCurrentCost', () => ({}), 200],
      ['organizationDownloadAllInvoices', () => ({}), 202],
      ['listOrganizationInvoice', () => ({}), 200],
      ['getOrganizationInvoice', () => ({ path: { invoiceId: fake.state.invoices[0]!.id } }), 200],
      ['getOrganizationInvoicePDF', () => ({ path: { invoiceId: fake.state.invoices[0]!.id } }), 200],
    ];

    beforeAll(() => {
      fake.state.creditCodes.set('NATIVE-50', { redeemed: false });
    });

    it('covers all 16 operations', () => {
      expect(cases.map(([id]) => id).sort()).toEqual(
        catalog
          .list('qovery')
          .map((operation) => operation.operationId)
          .sort(),
      );
    });

    it.each(cases)('%s answers %s through callNative', async (operationId, input, status) => {
      const operation = catalog.get('qovery', operationId);
      const prepared = catalog.prepare(operation, call, input());
      const result = await adapter.callNative(call, operation, prepared);
      expect(result.status).toBe(status);
      expect(contract.validateResponse(operationId, result.status, result.body)).toEqual([]);
      if (operationId === 'addCreditCard') state.cardId = (result.body as { id: string }).id;
      if (operationId === 'getOrganizationInvoicePDF')
        expect((result.body as { url: string }).url).toMatch(/\/files\/invoices\/.+\.pdf$/);
      const last = fake.server.requests[fake.server.requests.length - 1]!;
      expect(last.method).toBe(operation.method);
      expect(last.path.startsWith(`/organization/${ORG}/`)).toBe(true);
    });

    it('refuses to let the caller pick another organization', () => {
      const operation = catalog.get('qovery', 'getOrganizationBillingInfo');
      let error: unknown;
      try {
        catalog.prepare(operation, call, {
          path: { organizationId: '44444444-4444-4444-8444-444444444444' },
        });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).options.errors).toEqual([
        { field: 'path.organizationId', message: expect.any(String) },
      ]);
    });

    it('validates native input against the contract before sending', () => {
      const before = fake.server.requests.length;
      const operation = catalog.get('qovery', 'addCreditCard');
      expect(() => catalog.prepare(operation, call, { body: { number: '4242424242424242' } })).toThrow(
        GatewayError,
      );
      expect(fake.server.requests.length).toBe(before);
    });
  });

  describe('contract', () => {
    it('sent only requests of the Qovery contract (paths, uuids, bodies, content type)', () => {
      expect(apiRequests().length).toBeGreaterThan(0);
      expectRequestsToMatchContract('qovery', apiRequests());
    });

    it('was answered only with responses of the Qovery contract', () => {
      expectResponsesToMatchContract(
        'qovery',
        fake.server.exchanges.filter(({ request }) => request.path.startsWith('/organization/')),
      );
    });

    it('exercised every operation of the contract', () => {
      const used = new Set(
        apiRequests().map((request) => contract.match(request.method, request.path)?.operation.operationId),
      );
      for (const operation of contract.allOperations())
        expect([operation.operationId, used.has(operation.operationId)]).toEqual([
          operation.operationId,
          true,
        ]);
    });

    it('authenticated every call with the machine token scheme, and JSON bodies only', () => {
      const tokens = new Set(apiRequests().map((request) => request.headers.authorization));
      expect(tokens).toEqual(new Set([`Token ${QOVERY_FAKE_TOKEN}`, 'Token qov_wrong_token_000']));
      for (const request of apiRequests()) {
        if (request.rawBody !== '') expect(request.contentType).toMatch(/^application\/json/);
        else expect(request.contentType).toBeNull();
      }
    });
  });
});
