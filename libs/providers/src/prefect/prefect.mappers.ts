import { GatewayError } from '@app/errors';
import type { BillingAccount, ResourceOrigin, Subscription, SubscriptionItem } from '../domain/models';
import { BillingAccountStatus, SubscriptionStatus } from '../domain/status';
import {
  PREFECT_PLAN_TIERS,
  type PrefectBillingDetails,
  type PrefectBillingObjectDetails,
  type PrefectPlanTier,
} from './prefect.wire';

/** Pure wire ⇄ domain mapping for Prefect Cloud billing; no I/O. */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Whether a details body has what the mappers read: a plan type and the users/workspaces slot
 * objects. Deliberately loose (not the spec's additionalProperties:false), so a field Prefect adds
 * later does not break reads.
 */
export function isBillingDetails(body: unknown): body is PrefectBillingDetails {
  return (
    isRecord(body) && typeof body.plan_type === 'string' && isRecord(body.users) && isRecord(body.workspaces)
  );
}

/** The tier when Prefect reports one (e.g. PRO_2024_04), else the coarser plan type. */
const planOf = (details: PrefectBillingDetails): string | null =>
  details.plan_tier ?? details.plan_type ?? null;

/** `slots` may be an integer, a number or null (unlimited); only a finite count is a seat count. */
const slotCount = (object: PrefectBillingObjectDetails | undefined): number | null =>
  typeof object?.slots === 'number' && Number.isFinite(object.slots) ? object.slots : null;

/**
 * Prefect reports no status for an account: an account that answers is active. Its plan type
 * (ORGANIZATION, PERSONAL, ENTERPRISE) is the closest thing to a provider status, kept raw.
 */
export function toBillingAccount(
  details: PrefectBillingDetails,
  origin: ResourceOrigin,
  accountId: string,
): BillingAccount {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: accountId,
    name: null,
    email: null,
    plan: planOf(details),
    status: BillingAccountStatus.Active,
    providerStatus: details.plan_type ?? null,
    billingEnabled: details.billing_enabled ?? null,
    raw: { accountId, stripeCustomerId: details.stripe_customer_id ?? null },
  };
}

/**
 * A Prefect account has exactly one subscription, identified here by the account id and built from
 * the billing details. Prefect exposes no subscription status, period, or dates (trial_start and
 * trial_end are deprecated and always null), so those stay null and the status is active.
 * Items are the two billable objects with their slot counts; their `price` is an undocumented
 * per-unit cost without currency, so it is not passed off as a price id.
 */
export function toSubscription(
  details: PrefectBillingDetails,
  origin: ResourceOrigin,
  accountId: string,
): Subscription {
  const items: SubscriptionItem[] = [
    { id: 'users', price: null, quantity: slotCount(details.users) },
    { id: 'workspaces', price: null, quantity: slotCount(details.workspaces) },
  ];
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: accountId,
    status: SubscriptionStatus.Active,
    providerStatus: null,
    plan: planOf(details),
    seats: slotCount(details.users),
    cancelAtPeriodEnd: details.cancel_at_period_end ?? null,
    currentPeriodStart: null,
    currentPeriodEnd: null,
    canceledAt: null,
    createdAt: null,
    items,
  };
}

/**
 * Normalized `seats` is the account's total user slots (`users.slots`, what list/get report).
 * update_slots takes "the number of additional user slots to update to", i.e. the slots bought on
 * top of the plan's free ones, so additional = seats − users.free_slots. The lowest valid total is
 * max(free_slots, minimum_slots): fewer than the free slots cannot be expressed, fewer than the
 * plan's minimum is below what the plan must keep. (That `additional` counts from free_slots is
 * read from the field names and descriptions; the spec does not state the formula.)
 */
export function additionalUserSlotsFor(seats: unknown, users: PrefectBillingObjectDetails): number {
  const minimum = Math.max(users.free_slots ?? 0, users.minimum_slots ?? 0);
  if (typeof seats !== 'number' || !Number.isSafeInteger(seats)) {
    throw GatewayError.validation([{ field: 'seats', message: 'seats must be a whole number' }]);
  }
  if (seats < minimum) {
    throw GatewayError.validation([
      {
        field: 'seats',
        message: `seats must be at least ${minimum} (the plan's free and minimum user slots)`,
      },
    ]);
  }
  return seats - (users.free_slots ?? 0);
}

/** The normalized plan must be one of Prefect's `AccountPlanTier` values, checked before calling. */
export function toPlanTier(plan: unknown): PrefectPlanTier {
  if (typeof plan === 'string' && (PREFECT_PLAN_TIERS as readonly string[]).includes(plan))
    return plan as PrefectPlanTier;
  throw GatewayError.validation([
    { field: 'plan', message: `plan must be one of ${PREFECT_PLAN_TIERS.join(', ')}` },
  ]);
}

const isWebUrl = (value: string, protocols: readonly string[]): boolean => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * The redirect URL in a response whose shape the spec leaves open: a bare URL string, or the first
 * of `keys` that holds a URL, or else the first https URL among the object's string values.
 * Null when there is none (e.g. Prism's `null` for an untyped response).
 */
export function findRedirectUrl(body: unknown, keys: readonly string[]): string | null {
  if (typeof body === 'string') return isWebUrl(body, ['https:', 'http:']) ? body : null;
  if (!isRecord(body)) return null;
  for (const key of keys) {
    const value = body[key];
    if (typeof value === 'string' && isWebUrl(value, ['https:', 'http:'])) return value;
  }
  const fallback = Object.values(body).find(
    (value): value is string => typeof value === 'string' && isWebUrl(value, ['https:']),
  );
  return fallback ?? null;
}

/**
 * create_billing_portal_session's 200 is untyped in the spec (`schema: {}`), so the URL's field is
 * unknown; these are the names such an endpoint plausibly uses, most likely first.
 */
export const PORTAL_URL_KEYS = ['url', 'portal_url', 'session_url', 'redirect_url'] as const;

/** subscribe's 200 is a string→string map with unknown keys. */
export const CHECKOUT_URL_KEYS = ['url', 'checkout_url'] as const;
