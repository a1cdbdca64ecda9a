import { Injectable } from '@nestjs/common';
import type { ProviderId } from '@prisma/client';
import type { PoolClient } from 'pg';
import { CacheInvalidation } from '@app/redis';
import { type EventDraft, eventsFor, type Observation, pendingChanges, snapshotKey } from './resource-diff';
import { PollDatabase } from './poll-database';
import { type PollContext, type PollMark, PollStateStore } from './poll-state-store';

/** A successful poll, to be recorded. */
export interface PollRecord extends PollMark {
  provider: ProviderId;
  observation: Observation;
}

/**
 * Records what a successful poll saw. An unchanged poll (the usual case) costs one statement; a
 * poll that saw changes writes snapshots, events and its state in one transaction, each as one
 * statement whatever the number of resources.
 */
@Injectable()
export class SnapshotWriter {
  constructor(
    private readonly db: PollDatabase,
    private readonly states: PollStateStore,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /**
   * Returns the number of events written. `before` is the context read before the provider calls.
   *
   * Ordering of the change feed: events are read by `id > cursor`, so an event must never commit
   * after one with a higher id became visible, or a reader could move past it for good. Event
   * writes are therefore serialized per tenant by a transaction-scoped advisory lock taken before
   * the ids are drawn and held until commit: within a tenant (the feed's scope) ids commit in
   * order. A visibility delay would not need the lock but would make every event late, and its
   * safety would depend on how long a transaction may take. The same lock serializes two polls of
   * one connection (scheduled and requested ones may overlap): the second diffs against what the
   * first wrote, so a change is reported once, and a poll older than the recorded one is dropped.
   *
   * Every successful poll moves observedAt (X-Snapshot-Age), so every one, changed or not, then
   * invalidates the connection's cached snapshot pages in every process: after the commit (a
   * process that reloads at once reads the new state), and before the poll job completes (whoever
   * waits for the job reads after the processes were sent the invalidation).
   */
  async record(poll: PollRecord, before: PollContext): Promise<number> {
    const events = await this.write(poll, before);
    await this.invalidation.snapshotsChanged(poll.connectionId);
    return events;
  }

  private async write(poll: PollRecord, before: PollContext): Promise<number> {
    const pending = pendingChanges(poll.observation, before.hashes);
    const knownTypes = new Set(before.state?.polledTypes ?? []);
    const unchanged =
      pending.changed.length === 0 &&
      pending.removed.length === 0 &&
      before.state?.accountKey === poll.accountKey &&
      poll.observation.types.every((type) => knownTypes.has(type));
    if (unchanged) {
      await this.states.markSucceeded(poll, [...knownTypes]);
      return 0;
    }
    return this.db.transaction((tx) => this.recordChanges(tx, poll));
  }

  private async recordChanges(tx: PoolClient, poll: PollRecord): Promise<number> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `billing-events:${poll.tenantId}`,
    ]);
    const current = await this.states.context(tx, poll.connectionId);
    if (current.state?.observedAt && current.state.observedAt > poll.startedAt) return 0;
    // A first poll, or another provider account than the baseline's: a new baseline, no events.
    const rebaseline = current.state?.accountKey !== poll.accountKey;
    // Snapshots are written only here, under the lock: no hashes means nothing to delete (the
    // first poll of every connection saves the round trip).
    if (rebaseline && current.hashes.size > 0) {
      await tx.query('DELETE FROM resource_snapshots WHERE connection_id = $1', [poll.connectionId]);
      current.hashes.clear();
    }
    const baselined = new Set<string>(rebaseline ? [] : current.state!.polledTypes);
    const { changed, removed } = pendingChanges(poll.observation, current.hashes);
    const diffed = changed.filter((resource) => baselined.has(resource.type));
    const previous = await this.storedData(
      tx,
      poll.connectionId,
      diffed.map((r) => snapshotKey(r.type, r.id)),
    );
    const events = diffed.flatMap((r) => eventsFor(r.type, previous.get(snapshotKey(r.type, r.id)), r.data));
    if (changed.length > 0) {
      // Bodies go in as the poll serialized them for their hashes: serializing them all again was
      // the largest CPU cost of a first poll. Type and hash need no escaping (a fixed word, base64url).
      const rows = changed.map(
        (r) =>
          `{"resource_type":"${r.type}","resource_id":${JSON.stringify(r.id)},"hash":"${r.hash}","data":${r.json}}`,
      );
      await tx.query(
        `INSERT INTO resource_snapshots (connection_id, tenant_id, resource_type, resource_id, data, hash, observed_at)
         SELECT $1, $2, s.resource_type, s.resource_id, s.data, s.hash, $3
         FROM jsonb_to_recordset($4::jsonb) AS s(resource_type text, resource_id text, data jsonb, hash text)
         ON CONFLICT (connection_id, resource_type, resource_id)
           DO UPDATE SET data = EXCLUDED.data, hash = EXCLUDED.hash, observed_at = EXCLUDED.observed_at`,
        [poll.connectionId, poll.tenantId, poll.startedAt, `[${rows.join(',')}]`],
      );
    }
    if (removed.length > 0) {
      await tx.query(
        `DELETE FROM resource_snapshots
         WHERE connection_id = $1 AND resource_type || '/' || resource_id = ANY($2::text[])`,
        [poll.connectionId, removed],
      );
    }
    if (events.length > 0) await this.insertEvents(tx, poll, events);
    await this.states.markSucceeded(poll, [...new Set([...baselined, ...poll.observation.types])], tx);
    return events.length;
  }

  /** `ord` keeps the poll's order (account, subscriptions, invoices) in the ids. */
  private async insertEvents(tx: PoolClient, poll: PollRecord, events: EventDraft[]): Promise<void> {
    const rows = events.map((event, ord) => ({
      ord,
      type: event.type,
      resource_type: event.resourceType,
      resource_id: event.resourceId,
      changes: event.changes,
      data: event.data,
    }));
    await tx.query(
      `INSERT INTO billing_events (tenant_id, connection_id, provider, type, resource_type, resource_id, changes,
                                   data, occurred_at)
       SELECT $1, $2, $3::"ProviderId", e.type, e.resource_type, e.resource_id, e.changes, e.data, $4
       FROM jsonb_to_recordset($5::jsonb)
         AS e(ord int, type text, resource_type text, resource_id text, changes jsonb, data jsonb)
       ORDER BY e.ord`,
      [poll.tenantId, poll.connectionId, poll.provider, poll.startedAt, JSON.stringify(rows)],
    );
  }

  private async storedData(
    tx: PoolClient,
    connectionId: string,
    keys: string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ key: string; data: Record<string, unknown> }>(
      `SELECT resource_type || '/' || resource_id AS key, data FROM resource_snapshots
       WHERE connection_id = $1 AND resource_type || '/' || resource_id = ANY($2::text[])`,
      [connectionId, keys],
      tx,
    );
    return new Map(rows.map((row) => [row.key, row.data]));
  }
}
