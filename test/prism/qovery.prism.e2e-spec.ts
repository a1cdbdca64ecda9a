import {
  type BillingProvider,
  InvoiceStatus,
  NativeCatalog,
  OpenApiContract,
  type ProviderCall,
} from '@app/providers';
import { type PrismGateway, startPrismGateway } from './prism-server';

/**
 * The Qovery adapter against Stoplight Prism mocking libs/providers/contracts/qovery.openapi.json.
 * Prism validates every request against the spec (a 4xx otherwise, which the adapter would throw)
 * and answers with the spec's examples, so this proves the requests conform and that the mappers
 * accept whatever the spec allows (e.g. `"url": "string"`, `"plan": "FREE"`).
 */
describe('qovery adapter against Prism (spec mock)', () => {
  let gateway: PrismGateway;
  let adapter: BillingProvider;
  let catalog: NativeCatalog;
  const ORG = '5e0a9b3c-2f5d-4a5e-9d8e-1f2a3b4c5d6e';
  const SOME_ID = '8f14e45f-ceea-4e7a-9d2b-1c3d5e7f9a0b';
  const call: ProviderCall = {
    connectionId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
    account: { organizationId: ORG },
    settings: {},
    credentials: { apiKey: 'qov_prism_token_0001' },
  };

  beforeAll(async () => {
    gateway = await startPrismGateway('qovery');
    ({ adapter, catalog } = gateway);
  }, 90_000);
  afterAll(() => gateway?.stop());

  describe('capabilities', () => {
    it('verify_credentials', async () => {
      await expect(adapter.verifyCredentials(call)).resolves.toMatchObject({ ok: true });
    });

    it('get_billing_account', async () => {
      await expect(adapter.getBillingAccount!(call)).resolves.toMatchObject({
        id: expect.any(String),
        email: 'forrest@gump.com',
        billingEnabled: true,
        status: 'active',
        raw: { organizationId: ORG, billingExternalId: expect.any(String) },
      });
    });

    it('update_billing_details', async () => {
      const account = await adapter.updateBillingDetails!(call, {
        firstName: 'Jenny',
        lastName: 'Curran',
        email: 'jenny@example.com',
        address: '1 Bayou Road',
        city: 'Greenbow',
        zip: '36744',
        countryCode: 'US',
        state: 'Alabama',
        company: 'Bubba Gump',
        vatNumber: 'US1',
      });
      expect(account.raw.organizationId).toBe(ORG);
    });

    it('list_subscriptions and get_subscription', async () => {
      const [subscription] = await adapter.listSubscriptions!(call);
      expect(subscription).toMatchObject({ id: ORG, plan: 'FREE', status: 'active', seats: null });
      await expect(adapter.getSubscription!(call, ORG)).resolves.toEqual(subscription);
    });

    it('change_plan', async () => {
      await expect(adapter.changeSubscription!(call, ORG, { plan: 'TEAM_2025' })).resolves.toMatchObject({
        id: ORG,
        plan: expect.any(String),
      });
    });

    it('list_invoices (with a cursor) and get_invoice', async () => {
      const first = await adapter.listInvoices!(call, { limit: 1 });
      expect(first.data).toHaveLength(1);
      expect(first.data[0]).toMatchObject({ status: 'uncollectible', providerStatus: 'NOT_PAID' });
      expect(first.data[0]!.total).toEqual({ amount: 30000, currency: 'USD' });
      const filtered = await adapter.listInvoices!(call, { limit: 10, status: InvoiceStatus.Uncollectible });
      expect(filtered.data).toHaveLength(1);
      const invoice = await adapter.getInvoice!(call, SOME_ID);
      expect(invoice.total).toEqual({ amount: 30000, currency: 'USD' });
    });

    it('get_invoice_pdf_link', async () => {
      await expect(adapter.getInvoicePdfLink!(call, SOME_ID)).resolves.toEqual({
        url: expect.any(String),
        expiresAt: null,
      });
    });

    it('request_invoice_export', async () => {
      await expect(adapter.requestInvoiceExport!(call)).resolves.toBeUndefined();
    });

    it('generate_usage_report', async () => {
      await expect(
        adapter.generateUsageReport!(call, {
          from: '2024-01-01T00:00:00Z',
          to: '2024-01-31T23:59:59Z',
          expiresInSeconds: 3600,
        }),
      ).resolves.toMatchObject({ url: expect.any(String), deleteUrl: expect.any(String) });
    });

    it('get_current_cost and get_cluster_cost', async () => {
      await expect(adapter.getCurrentCost!(call)).resolves.toMatchObject({
        plan: 'FREE',
        total: { amount: 30000, currency: 'USD' },
        remainingTrialDays: 0,
      });
      await expect(adapter.getClusterCost!(call, SOME_ID)).resolves.toMatchObject({
        min: { amount: 15000, currency: 'USD' },
        max: { amount: 30000, currency: 'USD' },
      });
    });

    it('list, add and remove payment methods', async () => {
      await expect(adapter.listPaymentMethods!(call)).resolves.toEqual([
        expect.objectContaining({ type: 'card', last4: '7890', expiryYear: 2025 }),
      ]);
      const added = await adapter.addPaymentMethod!(call, {
        number: '4242424242424242',
        cvv: '123',
        expiryMonth: 6,
        expiryYear: 2031,
      });
      expect(added.type).toBe('card');
      await expect(adapter.removePaymentMethod!(call, SOME_ID)).resolves.toBeUndefined();
    });

    it('redeem_credit_code', async () => {
      await expect(adapter.redeemCreditCode!(call, 'WELCOME-100')).resolves.toBeUndefined();
    });
  });

  describe('native operations', () => {
    const inputs: Record<string, { path?: Record<string, string>; body?: unknown }> = {
      getOrganizationBillingExternalId: {},
      getOrganizationBillingInfo: {},
      editOrganizationBillingInfo: {
        body: {
          first_name: 'Forrest',
          last_name: 'Gump',
          email: 'forrest@gump.com',
          address: '21 Jenny Street',
          city: 'Greenbow',
          zip: '36744',
          country_code: 'US',
        },
      },
      getOrganizationBillingStatus: {},
      generateBillingUsageReport: {
        body: { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z', report_expiration_in_seconds: 60 },
      },
      changePlan: { body: { plan: 'TEAM' } },
      getClusterCurrentCost: { path: { clusterId: SOME_ID } },
      listOrganizationCreditCards: {},
      addCreditCard: { body: { number: '4242424242424242', cvv: '123', expiry_month: 6, expiry_year: 2031 } },
      deleteCreditCard: { path: { creditCardId: SOME_ID } },
      addCreditCode: { body: { code: 'WELCOME-100' } },
      getOrganizationCurrentCost: {},
      organizationDownloadAllInvoices: {},
      listOrganizationInvoice: {},
      getOrganizationInvoice: { path: { invoiceId: SOME_ID } },
      getOrganizationInvoicePDF: { path: { invoiceId: SOME_ID } },
    };

    it('has an input for every catalogued operation', () => {
      expect(Object.keys(inputs).sort()).toEqual(
        catalog
          .list('qovery')
          .map((operation) => operation.operationId)
          .sort(),
      );
    });

    it.each(Object.keys(inputs))('%s gets a 2xx from Prism', async (operationId) => {
      const operation = catalog.get('qovery', operationId);
      const result = await adapter.callNative(
        call,
        operation,
        catalog.prepare(operation, call, inputs[operationId]!),
      );
      expect(result.status).toBeGreaterThanOrEqual(200);
      expect(result.status).toBeLessThan(300);
      // Prism's own CostRange example lacks total_in_cents/total, which CostRange lists as required
      // without defining them (an upstream quirk, see the README): only those two are tolerated.
      const quirk =
        operationId === 'getClusterCurrentCost' ? ['response.total_in_cents', 'response.total'] : [];
      const violations = OpenApiContract.for('qovery')
        .validateResponse(operationId, result.status, result.body)
        .filter((violation) => !quirk.includes(violation.field));
      expect(violations).toEqual([]);
    });
  });
});
