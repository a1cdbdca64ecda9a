/**
 * Polling vocabulary shared by the api (schedules, cached reads, the change feed) and the worker
 * (polls). Polls are not Job rows: a connection is polled ~100 times a day, and a row per poll
 * would grow the jobs table without bound and cost writes the poll itself does not need. They run
 * on a BullMQ queue of their own; the poll's outcome lives in connection_poll_states.
 */
export const POLL_QUEUE = 'connection-polls';
export const POLL_JOB_NAME = 'poll';

/** BullMQ data of a poll job (scheduled or requested): only identifiers. */
export interface PollJobData {
  tenantId: string;
  connectionId: string;
}

export const RESOURCE_TYPES = ['billing_account', 'subscription', 'invoice'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A connection has one billing account; its snapshot is keyed by this id whatever the provider's id. */
export const ACCOUNT_RESOURCE_ID = 'account';

export const BILLING_EVENT_TYPES = [
  'billing_account.updated',
  'billing_status.changed',
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'invoice.created',
  'invoice.status_changed',
  'invoice.updated',
] as const;
export type BillingEventType = (typeof BILLING_EVENT_TYPES)[number];

/** `{field: {before, after}}`, only for the fields that changed. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;
