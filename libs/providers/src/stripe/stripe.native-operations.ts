import type { NativeOperationDeclaration } from '../native/native-operation';
import { STRIPE_OPERATIONS as OPS } from './stripe.wire';

/**
 * All twelve operations of the Stripe billing contract. The connection's customer is fixed where
 * an operation names one (reading the customer; opening a portal session for it). The hints the
 * HTTP method implies are right for every one of them: the DELETE cancels a subscription now
 * (destructive); updating a subscription changes it without destroying it, and opening a portal
 * session creates one (neither read-only); the GETs only read.
 */
export const STRIPE_NATIVE_OPERATIONS: readonly NativeOperationDeclaration[] = [
  { operationId: OPS.listPortalConfigurations },
  { operationId: OPS.createPortalConfiguration },
  { operationId: OPS.getPortalConfiguration },
  { operationId: OPS.updatePortalConfiguration },
  { operationId: OPS.createPortalSession, accountBodyFields: { customer: 'customerId' } },
  { operationId: OPS.getCustomer, accountParams: { customer: 'customerId' } },
  { operationId: OPS.listSubscriptions },
  { operationId: OPS.getSubscription },
  { operationId: OPS.updateSubscription },
  { operationId: OPS.cancelSubscription },
  { operationId: OPS.listInvoices },
  { operationId: OPS.getInvoice },
];
