import type { NativeHints, NativeOperationDeclaration } from '../native/native-operation';

/** Every operation is under /organization/{organizationId}: the connection's organization, never the caller's. */
const operation = (operationId: string, hints?: Partial<NativeHints>): NativeOperationDeclaration => ({
  operationId,
  accountParams: { organizationId: 'organizationId' },
  ...(hints ? { hints } : {}),
});

/**
 * All 16 operations of libs/providers/contracts/qovery.openapi.json. Hints follow the HTTP method
 * (GET read-only; PUT idempotent; POST neither; DELETE destructive) except where noted.
 */
export const QOVERY_NATIVE_OPERATIONS: readonly NativeOperationDeclaration[] = [
  operation('getOrganizationBillingExternalId'),
  operation('getOrganizationBillingInfo'),
  operation('editOrganizationBillingInfo'),
  operation('getOrganizationBillingStatus'),
  // Creates a new report (and public URL) per call: a POST that is neither read-only nor idempotent.
  operation('generateBillingUsageReport'),
  // Sets the plan to a value: repeating it leaves the same state, and nothing is deleted (a billing
  // change, reversible by changing the plan back). Not auto-retried all the same: Qovery documents
  // no idempotency for it.
  operation('changePlan', { idempotent: true, destructive: false }),
  operation('getClusterCurrentCost'),
  operation('listOrganizationCreditCards'),
  // Each call adds another card.
  operation('addCreditCard'),
  operation('deleteCreditCard'),
  // A code is consumed once; a repeat is rejected, not a no-op.
  operation('addCreditCode'),
  operation('getOrganizationCurrentCost'),
  // Emails every invoice to the billing address: each call sends another email.
  operation('organizationDownloadAllInvoices'),
  operation('listOrganizationInvoice'),
  operation('getOrganizationInvoice'),
  operation('getOrganizationInvoicePDF'),
];
