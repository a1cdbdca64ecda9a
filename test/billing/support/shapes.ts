import type { BillingWorld, Provider } from './billing-world';

/** The documented fields of each normalized resource, identical for every provider. */
export const RESOURCE_FIELDS = {
  billingAccount: ['id', 'name', 'email', 'plan', 'status', 'providerStatus', 'billingEnabled', 'raw'],
  subscription: [
    'id',
    'status',
    'providerStatus',
    'plan',
    'seats',
    'cancelAtPeriodEnd',
    'currentPeriodStart',
    'currentPeriodEnd',
    'canceledAt',
    'createdAt',
    'items',
  ],
  invoice: [
    'id',
    'number',
    'status',
    'providerStatus',
    'total',
    'amountDue',
    'amountPaid',
    'createdAt',
    'periodStart',
    'periodEnd',
    'hostedUrl',
  ],
  link: ['url', 'expiresAt'],
  currentCost: ['plan', 'total', 'renewalAt', 'remainingTrialDays'],
  costRange: ['clusterId', 'min', 'max'],
  paymentMethod: ['id', 'type', 'brand', 'last4', 'expiryMonth', 'expiryYear', 'expired', 'createdAt'],
} as const;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIME_FIELDS = /At$|^currentPeriod|^period/;
const MONEY_FIELDS = new Set(['total', 'amountDue', 'amountPaid', 'min', 'max']);

/**
 * Exactly the documented fields plus provider and connectionId (of the connection really used);
 * timestamps ISO 8601 UTC or null; money `{amount: integer, currency: ISO 4217}` or null.
 */
export function expectResource(
  world: BillingWorld,
  body: Record<string, unknown>,
  kind: keyof typeof RESOURCE_FIELDS,
  provider: Provider,
): void {
  expect(Object.keys(body).sort()).toEqual([...RESOURCE_FIELDS[kind], 'provider', 'connectionId'].sort());
  expect(body.provider).toBe(provider);
  expect(body.connectionId).toBe(world.connections[provider]);
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) throw new Error(`${kind}.${field} is undefined instead of null`);
    if (TIME_FIELDS.test(field) && value !== null) expect(value).toMatch(ISO_UTC);
    if (MONEY_FIELDS.has(field) && value !== null) {
      expect(value).toEqual({ amount: expect.any(Number), currency: expect.stringMatching(/^[A-Z]{3}$/) });
      expect(Number.isInteger((value as { amount: number }).amount)).toBe(true);
    }
  }
}
