import { BillingAccountStatus, InvoiceStatus, SubscriptionStatus } from '../domain/status';
import {
  idOf,
  toBillingAccount,
  toInvoice,
  toInvoiceListQuery,
  toInvoicePage,
  toInvoiceStatus,
  toPortalSession,
  toPortalSessionParams,
  toSubscription,
  toSubscriptionStatus,
  toSubscriptionUpdateParams,
  unixToIso,
} from './stripe.mappers';
import type { StripeInvoice, StripeList, StripeSubscription } from './stripe.wire';

const origin = { provider: 'stripe' as const, connectionId: 'conn-1' };
const T = 1_700_000_000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const subscription = (overrides: Partial<StripeSubscription> = {}): StripeSubscription => ({
  object: 'subscription',
  id: 'sub_1',
  customer: 'cus_1',
  status: 'active',
  items: {
    object: 'list',
    has_more: false,
    url: '/v1/subscription_items?subscription=sub_1',
    data: [
      { object: 'subscription_item', id: 'si_1', price: { object: 'price', id: 'price_1' }, quantity: 3 },
    ],
  },
  cancel_at_period_end: false,
  canceled_at: null,
  created: T - 100,
  current_period_start: T,
  current_period_end: T + 30 * 86_400,
  ...overrides,
});

const invoice = (overrides: Partial<StripeInvoice> = {}): StripeInvoice => ({
  object: 'invoice',
  id: 'in_1',
  customer: 'cus_1',
  number: 'ABC-0001',
  status: 'paid',
  currency: 'usd',
  total: 1234,
  amount_due: 1234,
  amount_paid: 1234,
  created: T,
  period_start: T - 86_400,
  period_end: T,
  hosted_invoice_url: 'https://invoice.stripe.com/i/x',
  invoice_pdf: 'https://pay.stripe.com/invoice/x/pdf',
  ...overrides,
});

describe('stripe mappers', () => {
  describe('unixToIso / idOf', () => {
    it('turns unix seconds into ISO 8601 UTC and keeps absence as null', () => {
      expect(unixToIso(T)).toBe('2023-11-14T22:13:20.000Z');
      expect(unixToIso(null)).toBeNull();
      expect(unixToIso(undefined)).toBeNull();
    });

    it('reads an expandable reference as an id or an expanded object', () => {
      expect(idOf('cus_1')).toBe('cus_1');
      expect(idOf({ id: 'cus_2' })).toBe('cus_2');
      expect(idOf(null)).toBeNull();
    });
  });

  describe('toBillingAccount', () => {
    const customer = { object: 'customer' as const, id: 'cus_1', created: T, livemode: false };

    it('maps a live customer; plan and billingEnabled are not Stripe concepts (null)', () => {
      expect(
        toBillingAccount({ ...customer, name: 'Ada', email: 'ada@example.com', delinquent: false }, origin),
      ).toEqual({
        ...origin,
        id: 'cus_1',
        name: 'Ada',
        email: 'ada@example.com',
        plan: null,
        status: BillingAccountStatus.Active,
        providerStatus: null,
        billingEnabled: null,
        raw: { customerId: 'cus_1' },
      });
    });

    it('marks a delinquent customer and keeps missing name/email null', () => {
      expect(toBillingAccount({ ...customer, delinquent: true }, origin)).toMatchObject({
        status: BillingAccountStatus.Delinquent,
        providerStatus: 'delinquent',
        name: null,
        email: null,
      });
    });

    it('maps a deleted customer to status deleted', () => {
      expect(toBillingAccount({ object: 'customer', id: 'cus_1', deleted: true }, origin)).toMatchObject({
        id: 'cus_1',
        status: BillingAccountStatus.Deleted,
        providerStatus: 'deleted',
      });
    });
  });

  describe('portal sessions', () => {
    it('sends customer and return_url, plus configuration and locale only when set', () => {
      expect(
        toPortalSessionParams({ customerId: 'cus_1' }, {}, { returnUrl: 'https://a.example/b' }),
      ).toEqual({
        customer: 'cus_1',
        return_url: 'https://a.example/b',
      });
      expect(
        toPortalSessionParams(
          { customerId: 'cus_1' },
          { portalConfigurationId: 'bpc_1' },
          { returnUrl: 'https://a.example/b', locale: 'de' },
        ),
      ).toEqual({
        customer: 'cus_1',
        return_url: 'https://a.example/b',
        configuration: 'bpc_1',
        locale: 'de',
      });
    });

    it('states no expiry unless Stripe sends one', () => {
      const session = {
        object: 'billing_portal.session' as const,
        id: 'bps_1',
        url: 'https://billing.stripe.com/p/1',
        customer: 'cus_1',
      };
      expect(toPortalSession(session, origin)).toEqual({ ...origin, url: session.url, expiresAt: null });
      expect(toPortalSession({ ...session, expires_at: T }, origin).expiresAt).toBe(iso(T));
    });
  });

  describe('subscriptions', () => {
    it.each([
      ['active', SubscriptionStatus.Active],
      ['trialing', SubscriptionStatus.Trialing],
      ['past_due', SubscriptionStatus.PastDue],
      ['unpaid', SubscriptionStatus.Unpaid],
      ['paused', SubscriptionStatus.Paused],
      ['canceled', SubscriptionStatus.Canceled],
      ['incomplete', SubscriptionStatus.Incomplete],
      ['incomplete_expired', SubscriptionStatus.Canceled],
      ['something_new', SubscriptionStatus.Unknown],
      [null, SubscriptionStatus.Unknown],
    ])('status %s → %s', (raw, normalized) => {
      expect(toSubscriptionStatus(raw)).toBe(normalized);
    });

    it('maps periods to ISO, seats and plan from the first item, and keeps the raw status', () => {
      expect(
        toSubscription(subscription({ status: 'incomplete_expired', canceled_at: T + 5 }), origin),
      ).toEqual({
        ...origin,
        id: 'sub_1',
        status: SubscriptionStatus.Canceled,
        providerStatus: 'incomplete_expired',
        plan: 'price_1',
        seats: 3,
        cancelAtPeriodEnd: false,
        currentPeriodStart: iso(T),
        currentPeriodEnd: iso(T + 30 * 86_400),
        canceledAt: iso(T + 5),
        createdAt: iso(T - 100),
        items: [{ id: 'si_1', price: 'price_1', quantity: 3 }],
      });
    });

    it('reads a price given as an id, and a missing quantity as null', () => {
      const items = {
        object: 'list' as const,
        has_more: false,
        url: '/x',
        data: [{ object: 'subscription_item' as const, id: 'si_9', price: 'price_9' }],
      };
      expect(toSubscription(subscription({ items }), origin)).toMatchObject({
        plan: 'price_9',
        seats: null,
        items: [{ id: 'si_9', price: 'price_9', quantity: null }],
      });
    });

    it('leaves plan and seats null without items', () => {
      const items = { object: 'list' as const, has_more: false, url: '/x', data: [] };
      expect(toSubscription(subscription({ items }), origin)).toMatchObject({
        plan: null,
        seats: null,
        items: [],
      });
    });

    it('changes the first item by id: seats as quantity, plan as price', () => {
      expect(toSubscriptionUpdateParams('si_1', { seats: 5 })).toEqual({
        items: [{ id: 'si_1', quantity: 5 }],
      });
      expect(toSubscriptionUpdateParams('si_1', { plan: 'price_2' })).toEqual({
        items: [{ id: 'si_1', price: 'price_2' }],
      });
      expect(toSubscriptionUpdateParams('si_1', { seats: 0, plan: 'price_2' })).toEqual({
        items: [{ id: 'si_1', quantity: 0, price: 'price_2' }],
      });
    });
  });

  describe('invoices', () => {
    it.each([
      ['draft', InvoiceStatus.Draft],
      ['open', InvoiceStatus.Open],
      ['paid', InvoiceStatus.Paid],
      ['uncollectible', InvoiceStatus.Uncollectible],
      ['void', InvoiceStatus.Void],
      [null, InvoiceStatus.Unknown],
      ['deleted', InvoiceStatus.Unknown],
    ])('status %s → %s', (raw, normalized) => {
      expect(toInvoiceStatus(raw)).toBe(normalized);
    });

    it('keeps amounts as integer minor units with an uppercase currency, times as ISO', () => {
      expect(toInvoice(invoice(), origin)).toEqual({
        ...origin,
        id: 'in_1',
        number: 'ABC-0001',
        status: InvoiceStatus.Paid,
        providerStatus: 'paid',
        total: { amount: 1234, currency: 'USD' },
        amountDue: { amount: 1234, currency: 'USD' },
        amountPaid: { amount: 1234, currency: 'USD' },
        createdAt: iso(T),
        periodStart: iso(T - 86_400),
        periodEnd: iso(T),
        hostedUrl: 'https://invoice.stripe.com/i/x',
      });
    });

    it('does not rescale zero-decimal currencies (Stripe already sends minor units)', () => {
      expect(toInvoice(invoice({ currency: 'jpy', total: 5000, amount_paid: 0 }), origin)).toMatchObject({
        total: { amount: 5000, currency: 'JPY' },
        amountPaid: { amount: 0, currency: 'JPY' },
      });
    });

    it('keeps what a draft lacks as null', () => {
      expect(
        toInvoice(invoice({ status: 'draft', number: null, hosted_invoice_url: null }), origin),
      ).toMatchObject({
        status: InvoiceStatus.Draft,
        number: null,
        hostedUrl: null,
      });
    });

    it('builds the list query: customer, Stripe limit bounds, cursor, status', () => {
      expect(toInvoiceListQuery('cus_1', { limit: 25 })).toEqual({ customer: 'cus_1', limit: 25 });
      expect(toInvoiceListQuery('cus_1', { limit: 500, cursor: 'in_9', status: InvoiceStatus.Void })).toEqual(
        {
          customer: 'cus_1',
          limit: 100,
          starting_after: 'in_9',
          status: 'void',
        },
      );
      expect(toInvoiceListQuery('cus_1', { limit: 0 })).toMatchObject({ limit: 1 });
      expect(toInvoiceListQuery('cus_1', { limit: 10, status: InvoiceStatus.Unknown })).toBeUndefined();
    });

    it("hands back Stripe's cursor (the last id) only when there is more", () => {
      const list = (data: StripeInvoice[], hasMore: boolean): StripeList<StripeInvoice> => ({
        object: 'list',
        data,
        has_more: hasMore,
        url: '/v1/invoices',
      });
      const page = toInvoicePage(list([invoice({ id: 'in_1' }), invoice({ id: 'in_2' })], true), origin);
      expect(page).toMatchObject({ hasMore: true, nextCursor: 'in_2' });
      expect(page.data.map((i) => i.id)).toEqual(['in_1', 'in_2']);
      expect(toInvoicePage(list([invoice()], false), origin)).toMatchObject({
        hasMore: false,
        nextCursor: null,
      });
      expect(toInvoicePage(list([], true), origin)).toEqual({ data: [], hasMore: false, nextCursor: null });
    });
  });
});
