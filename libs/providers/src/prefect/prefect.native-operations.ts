import type { NativeOperationDeclaration } from '../native/native-operation';
import { PREFECT_OPERATIONS } from './prefect.wire';

/** Every operation addresses the connection's account: `account_id` is never taken from the caller. */
const ACCOUNT = { account_id: 'accountId' };

/**
 * All eight operations of the Prefect billing contract. Hints override the per-method defaults
 * where the method says the wrong thing: a POST that cancels is destructive, a POST that only
 * checks is read-only, and setting slots to absolute counts is idempotent.
 */
export const PREFECT_NATIVE_OPERATIONS: readonly NativeOperationDeclaration[] = [
  {
    operationId: PREFECT_OPERATIONS.cancelOrgSubscription,
    accountParams: ACCOUNT,
    hints: { destructive: true },
  },
  { operationId: PREFECT_OPERATIONS.createBillingPortalSession, accountParams: ACCOUNT },
  { operationId: PREFECT_OPERATIONS.details, accountParams: ACCOUNT },
  { operationId: PREFECT_OPERATIONS.manageSubscription, accountParams: ACCOUNT },
  { operationId: PREFECT_OPERATIONS.subscribe, accountParams: ACCOUNT },
  { operationId: PREFECT_OPERATIONS.subscriptionRestrictions, accountParams: ACCOUNT },
  {
    operationId: PREFECT_OPERATIONS.updateSlots,
    accountParams: ACCOUNT,
    hints: { idempotent: true },
  },
  {
    // A POST only because it carries a Stripe session id; it checks, it does not change anything
    // the caller asked for (Prefect may refresh its own view of the subscription).
    operationId: PREFECT_OPERATIONS.validateSubscriptionStatus,
    accountParams: ACCOUNT,
    hints: { readOnly: true, idempotent: true },
  },
];
