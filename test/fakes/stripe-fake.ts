import {
  customerObject,
  deletedCustomerObject,
  invoiceObject,
  portalConfigurationObject,
  priceObject,
  type StripeObject,
  subscriptionItemObject,
  subscriptionObject,
} from './stripe-fake-objects';
import { bearerOf, FakeServer } from './fake-server';
import { newId, stripeError, type StripeFakeState, stripeRoutes } from './stripe-fake-routes';

export { STRIPE_FAKE_API_VERSION, type StripeFakeState } from './stripe-fake-routes';

/** Seeded ids. The connection under test manages `customerId`; the others prove scoping. */
export const STRIPE_FAKE = {
  apiKey: 'sk_test_fakeStripeKey1234',
  restrictedKey: 'rk_test_fakeStripeKey5678',
  customerId: 'cus_FakeCustomer01',
  otherCustomerId: 'cus_OtherCustomer02',
  deletedCustomerId: 'cus_DeletedCustomer03',
  configurationId: 'bpc_FakeDefault01',
  prices: { basic: 'price_FakeBasic', pro: 'price_FakePro' },
  subscriptions: {
    active: 'sub_FakeActive01',
    trialing: 'sub_FakeTrialing02',
    expired: 'sub_FakeExpired03',
    other: 'sub_OtherCustomer04',
  },
  draftInvoiceId: 'in_Fake0000',
  otherInvoiceId: 'in_OtherCustomer01',
} as const;

const NOW = 1_700_000_000;
const DAY = 86_400;

/** A Stripe lookalike on loopback with seeded state (`invoiceCount` invoices for the customer). */
export function createStripeFake(options: { invoiceCount?: number } = {}): {
  server: FakeServer;
  state: StripeFakeState;
} {
  const state = seed(options.invoiceCount ?? 260);
  const keys = new Set<string>([STRIPE_FAKE.apiKey, STRIPE_FAKE.restrictedKey]);
  const server = new FakeServer(stripeRoutes(state, STRIPE_FAKE.configurationId), {
    check: (request) => keys.has(bearerOf(request) ?? ''),
    unauthorized: stripeError(401, { message: 'Invalid API Key provided: sk_test_****1234' }),
  });
  return { server, state };
}

/** Adds a one-item subscription (e.g. to test paging or to have one to cancel); returns its id. */
export function addSubscription(
  state: Pick<StripeFakeState, 'prices' | 'subscriptions'>,
  input: { id?: string; customer: string; status: string; price: string; quantity: number; ageDays: number },
): string {
  const id = input.id ?? newId('sub');
  const created = NOW - input.ageDays * DAY;
  const item = subscriptionItemObject(
    `si_${id.slice(4)}`,
    id,
    state.prices.get(input.price)!,
    input.quantity,
    created,
  );
  const periodStart = NOW - 10 * DAY;
  const subscription = subscriptionObject({
    id,
    customer: input.customer,
    status: input.status,
    items: [item],
    created,
    periodStart,
    periodEnd: periodStart + 30 * DAY,
  });
  state.subscriptions.set(id, subscription);
  return id;
}

function seed(invoiceCount: number): StripeFakeState {
  const { customerId, otherCustomerId, deletedCustomerId, prices: p, subscriptions: s } = STRIPE_FAKE;
  const customers = new Map<string, StripeObject>([
    [customerId, customerObject(customerId, 'Fake Customer', 'billing@fake.example', NOW - 400 * DAY)],
    [
      otherCustomerId,
      customerObject(otherCustomerId, 'Other Customer', 'other@fake.example', NOW - 300 * DAY),
    ],
    [deletedCustomerId, deletedCustomerObject(deletedCustomerId)],
  ]);
  const prices = new Map<string, StripeObject>([
    [p.basic, priceObject(p.basic, 1_000, NOW - 500 * DAY)],
    [p.pro, priceObject(p.pro, 5_000, NOW - 500 * DAY)],
  ]);
  const subscriptions = new Map<string, StripeObject>();
  const seeded = [
    { id: s.active, customer: customerId, status: 'active', price: p.basic, quantity: 3, ageDays: 100 },
    { id: s.trialing, customer: customerId, status: 'trialing', price: p.pro, quantity: 1, ageDays: 50 },
    {
      id: s.expired,
      customer: customerId,
      status: 'incomplete_expired',
      price: p.basic,
      quantity: 1,
      ageDays: 200,
    },
    { id: s.other, customer: otherCustomerId, status: 'active', price: p.pro, quantity: 7, ageDays: 80 },
  ];
  for (const subscription of seeded) addSubscription({ prices, subscriptions }, subscription);
  const cycle = ['paid', 'paid', 'open', 'void', 'uncollectible'];
  const invoices = Array.from({ length: invoiceCount }, (_, i) =>
    invoiceObject({
      id: `in_Fake${String(i).padStart(4, '0')}`,
      customer: customerId,
      status: i === 0 ? 'draft' : cycle[i % cycle.length]!,
      number: i === 0 ? null : `FAKE-${String(invoiceCount - i).padStart(4, '0')}`,
      total: 1_000 + i * 7,
      created: NOW - i * DAY,
      currency: i % 50 === 1 ? 'eur' : 'usd',
    }),
  );
  invoices.push(
    invoiceObject({
      id: STRIPE_FAKE.otherInvoiceId,
      customer: otherCustomerId,
      status: 'paid',
      number: 'OTHER-0001',
      total: 99_00,
      created: NOW - 5 * DAY,
    }),
  );
  invoices.sort((a, b) => (b.created as number) - (a.created as number));
  const configuration = portalConfigurationObject({
    id: STRIPE_FAKE.configurationId,
    isDefault: true,
    created: NOW - 600 * DAY,
  });
  return {
    customers,
    prices,
    subscriptions,
    invoices,
    configurations: new Map([[configuration.id, configuration]]),
    sessions: [],
  };
}
