import { hash } from 'node:crypto';
import { type BillingEventType, canonicalJson, type FieldChanges, type ResourceType } from '@app/queue';

/** One resource as a poll read it: its normalized body and the hash snapshots are compared by. */
export interface ObservedResource {
  type: ResourceType;
  /** Snapshot key within the type (the provider's id; ACCOUNT_RESOURCE_ID for the account). */
  id: string;
  data: Record<string, unknown>;
  /** `data` serialized once: what the hash is of, and what a snapshot of it stores. */
  json: string;
  hash: string;
}

/** Everything one poll read. */
export interface Observation {
  /** In the order events should be emitted: account, subscriptions, invoices. */
  resources: ObservedResource[];
  /** Types this poll read (the provider supports them and is configured for them). */
  types: ResourceType[];
  /** Types read in full: a stored resource of such a type that was not seen is gone upstream. */
  complete: ResourceType[];
}

export interface EventDraft {
  type: BillingEventType;
  resourceType: ResourceType;
  /** The provider's id of the resource. */
  resourceId: string;
  changes: FieldChanges | null;
  data: Record<string, unknown>;
}

export const snapshotKey = (type: string, id: string): string => `${type}/${id}`;

/**
 * Hashed as JSON.stringify, not canonical JSON: the normalize functions build every body with a
 * fixed key order, and this runs for every resource of every poll. A key-order difference would
 * only make a resource look changed; fieldChanges (canonical) then finds nothing and no event is
 * written. One-shot crypto.hash (the same digest) rather than a Hash object: half the CPU.
 */
export function observedResource(
  type: ResourceType,
  id: string,
  data: Record<string, unknown>,
): ObservedResource {
  const json = JSON.stringify(data);
  return { type, id, data, json, hash: hash('sha256', json, 'base64url') };
}

/** Fields every resource carries that say where it came from, not what it is. */
const ORIGIN_FIELDS = new Set(['provider', 'connectionId']);
/** The billing account's fields that make a billing_status.changed rather than an update. */
const STATUS_FIELDS = new Set(['status', 'providerStatus', 'billingEnabled']);

/** Top-level fields whose values differ (nested values compared as canonical JSON). */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ORIGIN_FIELDS.has(field)) continue;
    const [was, is] = [before[field] ?? null, after[field] ?? null];
    if (canonicalJson(was) !== canonicalJson(is)) changes[field] = { before: was, after: is };
  }
  return changes;
}

const pick = (changes: FieldChanges, keep: (field: string) => boolean): FieldChanges =>
  Object.fromEntries(Object.entries(changes).filter(([field]) => keep(field)));

/**
 * The events one resource's change means; `before` is undefined for a resource not seen before.
 * Invoices: a status change is invoice.status_changed (with every field that changed alongside);
 * any other change invoice.updated. Subscriptions: reaching `canceled` is subscription.canceled.
 * The billing account is split: status fields → billing_status.changed, the rest →
 * billing_account.updated, each with only its own fields (both when both changed).
 */
export function eventsFor(
  type: ResourceType,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): EventDraft[] {
  const event = (eventType: BillingEventType, changes: FieldChanges | null): EventDraft => ({
    type: eventType,
    resourceType: type,
    resourceId: String(after.id),
    changes,
    data: after,
  });
  if (!before) {
    // A billing account has no "created": one exists from the first poll on (the baseline).
    if (type === 'subscription') return [event('subscription.created', null)];
    if (type === 'invoice') return [event('invoice.created', null)];
    return [];
  }
  const changes = fieldChanges(before, after);
  if (Object.keys(changes).length === 0) return [];
  switch (type) {
    case 'invoice':
      return [event('status' in changes ? 'invoice.status_changed' : 'invoice.updated', changes)];
    case 'subscription':
      return [
        event(
          after.status === 'canceled' && before.status !== 'canceled'
            ? 'subscription.canceled'
            : 'subscription.updated',
          changes,
        ),
      ];
    case 'billing_account': {
      const status = pick(changes, (field) => STATUS_FIELDS.has(field));
      const other = pick(changes, (field) => !STATUS_FIELDS.has(field));
      return [
        ...(Object.keys(other).length > 0 ? [event('billing_account.updated', other)] : []),
        ...(Object.keys(status).length > 0 ? [event('billing_status.changed', status)] : []),
      ];
    }
  }
}

/** What differs from the stored snapshots, judged by hash alone (no stored data needed). */
export interface PendingChanges {
  changed: ObservedResource[];
  /** Snapshot keys of resources gone upstream. */
  removed: string[];
}

export function pendingChanges(observation: Observation, storedHashes: Map<string, string>): PendingChanges {
  const seen = new Set<string>();
  const changed: ObservedResource[] = [];
  for (const resource of observation.resources) {
    const key = snapshotKey(resource.type, resource.id);
    seen.add(key);
    if (storedHashes.get(key) !== resource.hash) changed.push(resource);
  }
  const complete = new Set<string>(observation.complete);
  const removed = [...storedHashes.keys()].filter(
    (key) => !seen.has(key) && complete.has(key.slice(0, key.indexOf('/'))),
  );
  return { changed, removed };
}
