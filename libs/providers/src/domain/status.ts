/** Normalized statuses. The provider's own value is always kept alongside as `providerStatus`. */
export enum SubscriptionStatus {
  Active = 'active',
  Trialing = 'trialing',
  PastDue = 'past_due',
  Unpaid = 'unpaid',
  Paused = 'paused',
  Incomplete = 'incomplete',
  Canceled = 'canceled',
  Unknown = 'unknown',
}

export enum InvoiceStatus {
  Draft = 'draft',
  Open = 'open',
  Paid = 'paid',
  Uncollectible = 'uncollectible',
  Void = 'void',
  Unknown = 'unknown',
}

export enum BillingAccountStatus {
  Active = 'active',
  Delinquent = 'delinquent',
  Inactive = 'inactive',
  Deleted = 'deleted',
  Unknown = 'unknown',
}
