/**
 * Prefect Cloud's billing wire format, typed from libs/providers/contracts/prefect.openapi.json
 * (FastAPI-generated, OpenAPI 3.1). Every path starts with /api and is keyed by the account id.
 */

export const PREFECT_PATHS = {
  cancelOrgSubscription: '/api/billing/{account_id}/cancel_org_subscription',
  createBillingPortalSession: '/api/billing/{account_id}/create_billing_portal_session',
  details: '/api/billing/{account_id}/details',
  manageSubscription: '/api/billing/{account_id}/manage_subscription',
  subscribe: '/api/billing/{account_id}/subscribe',
  subscriptionRestrictions: '/api/billing/{account_id}/subscription_restrictions',
  updateSlots: '/api/billing/{account_id}/update_slots',
  validateSubscriptionStatus: '/api/billing/{account_id}/validate_subscription_status',
} as const;

/** The spec's operationIds, verbatim (FastAPI derives them from function name, path and method). */
export const PREFECT_OPERATIONS = {
  cancelOrgSubscription:
    'cancel_org_subscription_at_period_end_api_billing__account_id__cancel_org_subscription_post',
  createBillingPortalSession:
    'create_billing_portal_session_api_billing__account_id__create_billing_portal_session_post',
  details: 'get_billing_details_api_billing__account_id__details_get',
  manageSubscription: 'manage_subscription_api_billing__account_id__manage_subscription_post',
  subscribe: 'get_checkout_link_api_billing__account_id__subscribe_post',
  subscriptionRestrictions:
    'get_subscription_restrictions_api_billing__account_id__subscription_restrictions_get',
  updateSlots: 'update_slots_api_billing__account_id__update_slots_post',
  validateSubscriptionStatus:
    'validate_subscription_status_api_billing__account_id__validate_subscription_status_post',
} as const;

/** `AccountPlanTier`: the tiers `subscribe` accepts (checked against the spec by a unit test). */
export const PREFECT_PLAN_TIERS = [
  'FREE_2025_04',
  'PRO',
  'ENTERPRISE',
  'PRO_2024_04',
  'STARTER',
  'TEAM',
] as const;
export type PrefectPlanTier = (typeof PREFECT_PLAN_TIERS)[number];

/** `AccountPlanType`. */
export type PrefectPlanType = 'ORGANIZATION' | 'PERSONAL' | 'ENTERPRISE';

/** `BillingObjectDetailsResponse`: slot accounting of one billable object (users, workspaces). */
export interface PrefectBillingObjectDetails {
  free_slots: number;
  minimum_slots: number;
  used_slots: number;
  /** Total slots; null means unlimited. The spec allows integer or number. */
  slots: number | null;
  /** Per-unit cost; the unit is not documented, null without a subscription. */
  price: number | null;
}

/** `BillingDetailsResponse` (GET details). */
export interface PrefectBillingDetails {
  stripe_customer_id?: string | null;
  self_serve?: boolean;
  plan_type: PrefectPlanType;
  plan_tier?: string | null;
  users: PrefectBillingObjectDetails;
  workspaces: PrefectBillingObjectDetails;
  annual_billing?: boolean;
  cancel_at_period_end?: boolean;
  /** Deprecated upstream: always null. */
  trial_start?: string | null;
  trial_end?: string | null;
  billing_enabled?: boolean;
}

/** `BillingRestrictionsResponse` (GET subscription_restrictions). */
export interface PrefectBillingRestrictions {
  can_upgrade?: boolean;
  can_cancel?: boolean;
  available_tiers?: string[];
}

export interface PrefectReturnUrlBody {
  return_url: string;
}

export interface PrefectCheckoutBody {
  tier: PrefectPlanTier;
}

/** Body of update_slots; a field left out (or null) is not changed. */
export interface PrefectUpdateSlotsBody {
  additional_workspace_slots?: number | null;
  additional_user_slots?: number | null;
}

/** 200 of subscribe: a string→string map whose key names the spec does not give. */
export type PrefectCheckoutResponse = Record<string, string>;

/** FastAPI's 422 body. */
export interface PrefectValidationErrorBody {
  detail: Array<{ loc: Array<string | number>; msg: string; type: string }>;
}
