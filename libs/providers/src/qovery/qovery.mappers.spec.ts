import { ErrorType, GatewayError } from '@app/errors';
import { BillingAccountStatus, InvoiceStatus, SubscriptionStatus } from '../domain/status';
import { summarizeQoveryError } from './qovery.errors';
import * as map from './qovery.mappers';

const origin = { provider: 'qovery' as const, connectionId: 'conn-1' };
const ORG = '5e0a9b3c-2f5d-4a5e-9d8e-1f2a3b4c5d6e';

describe('qovery mappers', () => {
  describe('toIsoUtc', () => {
    it('normalizes offsets to UTC and rejects what is not a date', () => {
      expect(map.toIsoUtc('2024-03-01T10:00:00+02:00')).toBe('2024-03-01T08:00:00.000Z');
      expect(map.toIsoUtc('2019-08-24T14:15:22Z')).toBe('2019-08-24T14:15:22.000Z');
      expect(map.toIsoUtc('not a date')).toBeNull();
      expect(map.toIsoUtc('')).toBeNull();
      expect(map.toIsoUtc(null)).toBeNull();
      expect(map.toIsoUtc(undefined)).toBeNull();
    });
  });

  describe('qoveryMoney', () => {
    it('reads the *_in_cents integer, never the float', () => {
      expect(map.qoveryMoney(1999, 123.45, 'usd')).toEqual({ amount: 1999, currency: 'USD' });
    });
    it('falls back to the decimal, parsed exactly', () => {
      expect(map.qoveryMoney(undefined, 12.3, 'EUR')).toEqual({ amount: 1230, currency: 'EUR' });
      expect(map.qoveryMoney(undefined, 0.29, 'USD')).toEqual({ amount: 29, currency: 'USD' });
      expect(map.qoveryMoney(undefined, 500, 'JPY')).toEqual({ amount: 500, currency: 'JPY' });
    });
    it('is null without a currency, without an amount, or with an unparsable amount', () => {
      expect(map.qoveryMoney(100, undefined, undefined)).toBeNull();
      expect(map.qoveryMoney(100, undefined, 'dollars')).toBeNull();
      expect(map.qoveryMoney(undefined, undefined, 'USD')).toBeNull();
      expect(map.qoveryMoney(undefined, 1e-7, 'USD')).toBeNull();
      expect(map.qoveryMoney(undefined, 1.234, 'USD')).toBeNull();
      expect(map.qoveryMoney(12.5, undefined, 'USD')).toBeNull();
    });
  });

  describe('mapBillingAccount', () => {
    const parts = {
      organizationId: ORG,
      info: { first_name: 'Forrest', last_name: 'Gump', email: 'forrest@gump.com', company: null },
      status: { is_valid: true, message: 'ok' },
      externalId: { id: 'AzZlR5TKx3Lk' },
      currentCost: { plan: 'TEAM_2025' },
    };

    it('maps a valid account', () => {
      expect(map.mapBillingAccount(origin, parts)).toEqual({
        ...origin,
        id: 'AzZlR5TKx3Lk',
        name: 'Forrest Gump',
        email: 'forrest@gump.com',
        plan: 'TEAM_2025',
        status: BillingAccountStatus.Active,
        providerStatus: 'ok',
        billingEnabled: true,
        raw: { organizationId: ORG, billingExternalId: 'AzZlR5TKx3Lk' },
      });
    });

    it('prefers the company name and marks an invalid billing status delinquent', () => {
      const account = map.mapBillingAccount(origin, {
        ...parts,
        info: { ...parts.info, company: 'Bubba Gump Shrimp' },
        status: { is_valid: false, message: 'invoice unpaid for 8 days' },
      });
      expect(account).toMatchObject({
        name: 'Bubba Gump Shrimp',
        status: BillingAccountStatus.Delinquent,
        providerStatus: 'invoice unpaid for 8 days',
        billingEnabled: false,
      });
    });

    it('keeps unknowns null and falls back to the organization id', () => {
      const account = map.mapBillingAccount(origin, {
        organizationId: ORG,
        info: {},
        status: {},
        externalId: {},
        currentCost: {},
      });
      expect(account).toEqual({
        ...origin,
        id: ORG,
        name: null,
        email: null,
        plan: null,
        status: BillingAccountStatus.Unknown,
        providerStatus: null,
        billingEnabled: null,
        raw: { organizationId: ORG, billingExternalId: null },
      });
    });

    it('uses a lone first or last name', () => {
      expect(
        map.mapBillingAccount(origin, { ...parts, info: { first_name: null, last_name: 'Gump' } }).name,
      ).toBe('Gump');
    });
  });

  describe('toBillingInfoRequest', () => {
    const details = {
      firstName: 'Jenny',
      lastName: 'Curran',
      email: 'jenny@example.com',
      address: '1 Road',
      city: 'Greenbow',
      zip: '36744',
      countryCode: 'US',
    };
    it('maps camelCase to snake_case and leaves absent optionals out', () => {
      expect(map.toBillingInfoRequest(details)).toEqual({
        first_name: 'Jenny',
        last_name: 'Curran',
        email: 'jenny@example.com',
        address: '1 Road',
        city: 'Greenbow',
        zip: '36744',
        country_code: 'US',
      });
    });
    it('maps the optionals when given', () => {
      expect(
        map.toBillingInfoRequest({ ...details, state: 'Alabama', company: 'Acme', vatNumber: 'FR123' }),
      ).toMatchObject({ state: 'Alabama', company: 'Acme', vat_number: 'FR123' });
    });
  });

  describe('mapSubscription', () => {
    const cost = { plan: 'TEAM', remaining_trial_day: 0, renewal_at: '2025-01-01T00:00:00Z' };
    it('exposes the organization plan as one active subscription', () => {
      expect(map.mapSubscription(origin, ORG, cost)).toEqual({
        ...origin,
        id: ORG,
        status: SubscriptionStatus.Active,
        providerStatus: null,
        plan: 'TEAM',
        seats: null,
        cancelAtPeriodEnd: null,
        currentPeriodStart: null,
        currentPeriodEnd: '2025-01-01T00:00:00.000Z',
        canceledAt: null,
        createdAt: null,
        items: [],
      });
    });
    it('is trialing while trial days remain', () => {
      expect(map.mapSubscription(origin, ORG, { ...cost, remaining_trial_day: 12 }).status).toBe(
        SubscriptionStatus.Trialing,
      );
    });
    it('takes an explicit plan and tolerates an empty currentCost', () => {
      expect(map.mapSubscription(origin, ORG, {}, 'ENTERPRISE_2025')).toMatchObject({
        plan: 'ENTERPRISE_2025',
        status: SubscriptionStatus.Active,
        currentPeriodEnd: null,
      });
      expect(map.mapSubscription(origin, ORG, {}).plan).toBeNull();
    });
  });

  describe('planOfOrganization', () => {
    it('prefers organization_plan.plan, then plan, else null', () => {
      expect(map.planOfOrganization({ plan: 'FREE', organization_plan: { plan: 'TEAM' } })).toBe('TEAM');
      expect(map.planOfOrganization({ plan: 'FREE' })).toBe('FREE');
      expect(map.planOfOrganization({})).toBeNull();
    });
  });

  describe('mapInvoiceStatus', () => {
    it.each([
      ['PENDING', InvoiceStatus.Draft],
      ['POSTED', InvoiceStatus.Open],
      ['PAYMENT_DUE', InvoiceStatus.Open],
      ['NOT_PAID', InvoiceStatus.Uncollectible],
      ['PAID', InvoiceStatus.Paid],
      ['VOIDED', InvoiceStatus.Void],
      ['UNKNOWN', InvoiceStatus.Unknown],
      ['SOMETHING_NEW', InvoiceStatus.Unknown],
      [undefined, InvoiceStatus.Unknown],
    ])('%s → %s', (raw, normalized) => {
      expect(map.mapInvoiceStatus(raw)).toBe(normalized);
    });
  });

  describe('mapInvoice', () => {
    it('maps id, status, total and date; the rest is null', () => {
      const invoice = map.mapInvoice(origin, {
        id: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
        created_at: '2019-08-24T14:15:22Z',
        status: 'NOT_PAID',
        total_in_cents: 30000,
        total: 300,
        currency_code: 'USD',
      });
      expect(invoice).toEqual({
        ...origin,
        id: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
        number: null,
        status: InvoiceStatus.Uncollectible,
        providerStatus: 'NOT_PAID',
        total: { amount: 30000, currency: 'USD' },
        amountDue: null,
        amountPaid: null,
        createdAt: '2019-08-24T14:15:22.000Z',
        periodStart: null,
        periodEnd: null,
        hostedUrl: null,
      });
    });
    it('tolerates missing fields', () => {
      expect(map.mapInvoice(origin, { id: 'x' })).toMatchObject({
        status: InvoiceStatus.Unknown,
        providerStatus: null,
        total: null,
        createdAt: null,
      });
    });
  });

  describe('sortNewestFirst', () => {
    it('orders by date descending, then id, undated last', () => {
      const at = (id: string, createdAt: string | null) => ({ ...map.mapInvoice(origin, { id }), createdAt });
      const sorted = map.sortNewestFirst([
        at('b', '2024-01-01T00:00:00.000Z'),
        at('u', null),
        at('c', '2024-03-01T00:00:00.000Z'),
        at('a', '2024-01-01T00:00:00.000Z'),
      ]);
      expect(sorted.map((invoice) => invoice.id)).toEqual(['c', 'a', 'b', 'u']);
    });
  });

  describe('mapInvoicePdfLink', () => {
    it('takes the url of the Link-typed answer', () => {
      expect(map.mapInvoicePdfLink({ url: 'https://files.qovery.com/i.pdf' })).toEqual({
        url: 'https://files.qovery.com/i.pdf',
        expiresAt: null,
      });
    });
    it('is an invalid response without a url', () => {
      const error = (() => {
        try {
          map.mapInvoicePdfLink({});
        } catch (thrown) {
          return thrown;
        }
      })() as GatewayError;
      expect(error).toBeInstanceOf(GatewayError);
      expect(error.type).toBe(ErrorType.ProviderInvalidResponse);
      expect(error.options.extensions).toEqual({ provider: 'qovery', upstreamStatus: 200, retryable: false });
    });
  });

  describe('usage reports', () => {
    it('maps the request, normalizing dates', () => {
      expect(
        map.toUsageReportRequest({ from: '2024-01-01', to: '2024-01-31T23:59:59Z', expiresInSeconds: 600 }),
      ).toEqual({
        from: '2024-01-01T00:00:00.000Z',
        to: '2024-01-31T23:59:59.000Z',
        report_expiration_in_seconds: 600,
      });
    });
    it('computes the expiry from now and keeps the delete URL', () => {
      const now = new Date('2024-05-01T12:00:00Z');
      expect(
        map.mapUsageReport(
          { report_url: 'https://r/1.csv', delete_report_url: 'https://r/1/delete' },
          3600,
          now,
        ),
      ).toEqual({
        url: 'https://r/1.csv',
        deleteUrl: 'https://r/1/delete',
        expiresAt: '2024-05-01T13:00:00.000Z',
      });
      expect(map.mapUsageReport({ report_url: 'https://r/1.csv' }, 60, now).deleteUrl).toBeNull();
    });
    it('is an invalid response without a report url', () => {
      expect(() => map.mapUsageReport({}, 60, new Date())).toThrow(GatewayError);
    });
  });

  describe('mapCurrentCost', () => {
    it('maps plan, total in cents, renewal and trial days', () => {
      expect(
        map.mapCurrentCost(origin, {
          plan: 'FREE',
          remaining_trial_day: 3,
          renewal_at: '2019-08-24T14:15:22Z',
          cost: { total_in_cents: 30000, total: 300, currency_code: 'USD' },
        }),
      ).toEqual({
        ...origin,
        plan: 'FREE',
        total: { amount: 30000, currency: 'USD' },
        renewalAt: '2019-08-24T14:15:22.000Z',
        remainingTrialDays: 3,
      });
    });
    it('is all null when Qovery says nothing', () => {
      expect(map.mapCurrentCost(origin, { renewal_at: null })).toEqual({
        ...origin,
        plan: null,
        total: null,
        renewalAt: null,
        remainingTrialDays: null,
      });
    });
  });

  describe('mapCostRange', () => {
    it('maps min and max from cents', () => {
      expect(
        map.mapCostRange(origin, 'cl-1', {
          min_cost_in_cents: 15000,
          min_cost: 150,
          max_cost_in_cents: 30000,
          max_cost: 300,
          currency_code: 'EUR',
        }),
      ).toEqual({
        ...origin,
        clusterId: 'cl-1',
        min: { amount: 15000, currency: 'EUR' },
        max: { amount: 30000, currency: 'EUR' },
      });
    });
    it('falls back to decimals and to null', () => {
      expect(map.mapCostRange(origin, 'cl-1', { min_cost: 1.5, currency_code: 'USD' })).toMatchObject({
        min: { amount: 150, currency: 'USD' },
        max: null,
      });
    });
  });

  describe('credit cards', () => {
    it('maps a card', () => {
      expect(
        map.mapCreditCard(origin, {
          id: 'card-1',
          created_at: '2019-08-24T14:15:22Z',
          expiry_month: 6,
          expiry_year: 2025,
          last_digit: '7890',
          is_expired: true,
          brand: 'visa',
        }),
      ).toEqual({
        ...origin,
        id: 'card-1',
        type: 'card',
        brand: 'visa',
        last4: '7890',
        expiryMonth: 6,
        expiryYear: 2025,
        expired: true,
        createdAt: '2019-08-24T14:15:22.000Z',
      });
    });
    it('keeps missing card fields null', () => {
      expect(map.mapCreditCard(origin, { id: 'card-2' })).toMatchObject({
        brand: null,
        last4: null,
        expiryMonth: null,
        expiryYear: null,
        expired: null,
        createdAt: null,
      });
    });
    it('builds the add-card body from the new card', () => {
      expect(
        map.toCreditCardRequest({ number: '4242424242424242', cvv: '123', expiryMonth: 4, expiryYear: 2031 }),
      ).toEqual({ number: '4242424242424242', cvv: '123', expiry_month: 4, expiry_year: 2031 });
    });
  });

  describe('summarizeQoveryError', () => {
    it('takes message, error or detail', () => {
      expect(summarizeQoveryError(400, { message: 'plan is invalid' })).toBe('plan is invalid');
      expect(summarizeQoveryError(400, { error: 'bad zip' })).toBe('bad zip');
      expect(summarizeQoveryError(400, { detail: 'nope', code: 3 })).toBe('nope');
    });
    it('says nothing for unknown shapes', () => {
      expect(summarizeQoveryError(400, undefined)).toBeUndefined();
      expect(summarizeQoveryError(400, 'text')).toBeUndefined();
      expect(summarizeQoveryError(400, { message: 42 })).toBeUndefined();
      expect(summarizeQoveryError(400, { errors: ['x'] })).toBeUndefined();
    });
    it('never repeats a card number', () => {
      expect(summarizeQoveryError(400, { message: 'card 4242 4242 4242 4242 declined' })).toBe(
        'card [REDACTED] declined',
      );
      expect(summarizeQoveryError(400, { message: 'card 4000000000000002 declined' })).toBe(
        'card [REDACTED] declined',
      );
    });
  });
});
