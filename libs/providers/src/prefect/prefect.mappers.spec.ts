import { ErrorType, GatewayError } from '@app/errors';
import { OpenApiContract } from '../contracts/openapi-contract';
import { BillingAccountStatus, SubscriptionStatus } from '../domain/status';
import {
  additionalUserSlotsFor,
  CHECKOUT_URL_KEYS,
  findRedirectUrl,
  isBillingDetails,
  PORTAL_URL_KEYS,
  toBillingAccount,
  toPlanTier,
  toSubscription,
} from './prefect.mappers';
import { PREFECT_PLAN_TIERS, type PrefectBillingDetails } from './prefect.wire';

const ACCOUNT_ID = '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d';
const origin = { provider: 'prefect' as const, connectionId: 'conn_1' };

const details = (overrides: Partial<PrefectBillingDetails> = {}): PrefectBillingDetails => ({
  stripe_customer_id: 'cus_Prefect123',
  self_serve: true,
  plan_type: 'ORGANIZATION',
  plan_tier: 'PRO_2024_04',
  users: { free_slots: 3, minimum_slots: 5, used_slots: 4, slots: 8, price: 2000 },
  workspaces: { free_slots: 1, minimum_slots: 1, used_slots: 1, slots: 2, price: 10000 },
  annual_billing: false,
  cancel_at_period_end: false,
  trial_start: null,
  trial_end: null,
  billing_enabled: true,
  ...overrides,
});

const validationFields = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).type).toBe(ErrorType.ValidationFailed);
    expect((error as GatewayError).status).toBe(400);
    return ((error as GatewayError).options.errors ?? []).map((e) => e.field);
  }
  throw new Error('expected a validation error');
};

describe('isBillingDetails', () => {
  it('accepts a details body, extra fields included', () => {
    expect(isBillingDetails(details())).toBe(true);
    expect(isBillingDetails({ ...details(), added_later: 1 })).toBe(true);
  });

  it('rejects bodies the mappers cannot read', () => {
    const { users: _users, ...withoutUsers } = details();
    for (const body of [null, 'x', [details()], {}, withoutUsers, { ...details(), plan_type: 3 }])
      expect(isBillingDetails(body)).toBe(false);
  });
});

describe('toBillingAccount', () => {
  it('maps the account id, tier, billing flag and Stripe customer id', () => {
    expect(toBillingAccount(details(), origin, ACCOUNT_ID)).toEqual({
      provider: 'prefect',
      connectionId: 'conn_1',
      id: ACCOUNT_ID,
      name: null,
      email: null,
      plan: 'PRO_2024_04',
      status: BillingAccountStatus.Active,
      providerStatus: 'ORGANIZATION',
      billingEnabled: true,
      raw: { accountId: ACCOUNT_ID, stripeCustomerId: 'cus_Prefect123' },
    });
  });

  it('falls back to the plan type without a tier and keeps absent fields null', () => {
    const account = toBillingAccount(
      details({
        plan_tier: null,
        stripe_customer_id: undefined,
        billing_enabled: undefined,
        plan_type: 'PERSONAL',
      }),
      origin,
      ACCOUNT_ID,
    );
    expect(account).toMatchObject({
      plan: 'PERSONAL',
      providerStatus: 'PERSONAL',
      billingEnabled: null,
      raw: { accountId: ACCOUNT_ID, stripeCustomerId: null },
    });
  });

  it('keeps billing_enabled false as false (not null)', () => {
    expect(toBillingAccount(details({ billing_enabled: false }), origin, ACCOUNT_ID).billingEnabled).toBe(
      false,
    );
  });
});

describe('toSubscription', () => {
  it('builds the one subscription of the account from its details', () => {
    expect(toSubscription(details({ cancel_at_period_end: true }), origin, ACCOUNT_ID)).toEqual({
      provider: 'prefect',
      connectionId: 'conn_1',
      id: ACCOUNT_ID,
      status: SubscriptionStatus.Active,
      providerStatus: null,
      plan: 'PRO_2024_04',
      seats: 8,
      cancelAtPeriodEnd: true,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      canceledAt: null,
      createdAt: null,
      items: [
        { id: 'users', price: null, quantity: 8 },
        { id: 'workspaces', price: null, quantity: 2 },
      ],
    });
  });

  it('reports unlimited slots (null) as unknown seats, and an absent cancel flag as null', () => {
    const subscription = toSubscription(
      details({
        users: { free_slots: 0, minimum_slots: 0, used_slots: 12, slots: null, price: null },
        cancel_at_period_end: undefined,
        plan_tier: undefined,
        plan_type: 'ENTERPRISE',
      }),
      origin,
      ACCOUNT_ID,
    );
    expect(subscription).toMatchObject({ seats: null, cancelAtPeriodEnd: null, plan: 'ENTERPRISE' });
    expect(subscription.items[0]).toEqual({ id: 'users', price: null, quantity: null });
  });

  it('accepts a number-typed slot count (the spec allows integer or number)', () => {
    const users = { free_slots: 1, minimum_slots: 1, used_slots: 1, slots: 4.0, price: null };
    expect(toSubscription(details({ users }), origin, ACCOUNT_ID).seats).toBe(4);
  });
});

describe('additionalUserSlotsFor', () => {
  const users = { free_slots: 3, minimum_slots: 5, used_slots: 4, slots: 8, price: 2000 };

  it('turns total seats into slots bought on top of the free ones', () => {
    expect(additionalUserSlotsFor(10, users)).toBe(7);
    expect(additionalUserSlotsFor(5, users)).toBe(2);
  });

  it('refuses seats below the plan minimum, naming seats', () => {
    expect(validationFields(() => additionalUserSlotsFor(4, users))).toEqual(['seats']);
  });

  it('refuses seats below the free slots when the minimum is lower', () => {
    const generous = { ...users, free_slots: 5, minimum_slots: 1 };
    expect(additionalUserSlotsFor(5, generous)).toBe(0);
    expect(validationFields(() => additionalUserSlotsFor(4, generous))).toEqual(['seats']);
  });

  it('refuses fractional or non-numeric seats', () => {
    expect(validationFields(() => additionalUserSlotsFor(6.5, users))).toEqual(['seats']);
    expect(validationFields(() => additionalUserSlotsFor('6', users))).toEqual(['seats']);
  });
});

describe('toPlanTier', () => {
  it('accepts every AccountPlanTier of the spec', () => {
    for (const tier of PREFECT_PLAN_TIERS) expect(toPlanTier(tier)).toBe(tier);
  });

  it('refuses anything else, naming plan', () => {
    expect(validationFields(() => toPlanTier('GOLD'))).toEqual(['plan']);
    expect(validationFields(() => toPlanTier('team'))).toEqual(['plan']);
    expect(validationFields(() => toPlanTier(undefined))).toEqual(['plan']);
  });

  it('lists exactly the enum of the contract', () => {
    const schemas = OpenApiContract.for('prefect').document.components!.schemas as Record<
      string,
      { enum?: string[] }
    >;
    expect([...PREFECT_PLAN_TIERS]).toEqual(schemas.AccountPlanTier!.enum);
  });
});

describe('findRedirectUrl', () => {
  const portal = 'https://billing.stripe.com/p/session/test_abc';

  it('accepts a bare URL string', () => {
    expect(findRedirectUrl(portal, PORTAL_URL_KEYS)).toBe(portal);
    expect(findRedirectUrl('not a url', PORTAL_URL_KEYS)).toBeNull();
    expect(findRedirectUrl('ftp://example.com/x', PORTAL_URL_KEYS)).toBeNull();
  });

  it.each(PORTAL_URL_KEYS)('finds the portal URL under %s', (key) => {
    expect(findRedirectUrl({ id: 'bps_1', [key]: portal }, PORTAL_URL_KEYS)).toBe(portal);
  });

  it('prefers the known keys over other URLs, in order', () => {
    const body = {
      return_url: 'https://app.example.com/back',
      redirect_url: 'https://r.example',
      url: portal,
    };
    expect(findRedirectUrl(body, PORTAL_URL_KEYS)).toBe(portal);
  });

  it('falls back to the first https string value', () => {
    const body = { id: 'cs_1', link: 'https://checkout.stripe.com/c/pay/cs_1', other: 'https://x.example' };
    expect(findRedirectUrl(body, CHECKOUT_URL_KEYS)).toBe('https://checkout.stripe.com/c/pay/cs_1');
    expect(findRedirectUrl({ checkout_url: 'https://checkout.stripe.com/c/1' }, CHECKOUT_URL_KEYS)).toBe(
      'https://checkout.stripe.com/c/1',
    );
  });

  it('does not fall back to plain http values or non-URLs', () => {
    expect(findRedirectUrl({ link: 'http://insecure.example' }, CHECKOUT_URL_KEYS)).toBeNull();
    expect(findRedirectUrl({ property1: 'string', property2: 'string' }, CHECKOUT_URL_KEYS)).toBeNull();
  });

  it('returns null for null, numbers, booleans, arrays and empty objects', () => {
    for (const body of [null, undefined, 42, true, [portal], {}])
      expect(findRedirectUrl(body, PORTAL_URL_KEYS)).toBeNull();
  });
});
