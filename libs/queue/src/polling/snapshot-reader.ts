import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/persistence';
import { CacheInvalidation } from '@app/redis';
import type { ResourceType } from './polling-types';
import { type LoadedSnapshot, SnapshotCache } from './snapshot-cache';

export interface SnapshotPage<T> {
  data: T[];
  /** Start of the poll that last confirmed these snapshots. */
  observedAt: Date;
  hasMore: boolean;
}

export interface SnapshotQuery {
  offset?: number;
  /** All of them when omitted. */
  limit?: number;
  /** Only resources whose normalized `status` is this. */
  status?: string;
}

/**
 * Pages change only when a poll commits, minutes apart, and every poll invalidates its connection's
 * pages in every process (CacheInvalidation): the TTL is a safety net for a lost message only.
 * Sizes are the pages' JSON length (their heap footprint is a small multiple of it).
 */
const CACHE = { ttlMs: 10_000, maxEntries: 10_000, maxSize: 32 * 1024 * 1024, maxEntrySize: 1024 * 1024 };

/** Cached pages are shared by every request: frozen, so a caller that mutates one fails loudly. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Reads of the latest snapshots, for `?cached=true`: no provider call, and normally no database
 * call either (pages are cached per process, see SnapshotCache). Resources come back in the
 * order the live routes return them: newest first, ties by id (as the adapters sort them).
 */
@Injectable()
export class SnapshotReader {
  readonly cache: SnapshotCache<SnapshotPage<unknown>>;

  constructor(
    private readonly prisma: PrismaService,
    invalidation: CacheInvalidation,
  ) {
    this.cache = new SnapshotCache(invalidation, CACHE);
  }

  /** undefined until a poll has succeeded for this resource type of the connection. */
  async read<T>(
    connectionId: string,
    type: ResourceType,
    query: SnapshotQuery = {},
  ): Promise<SnapshotPage<T> | undefined> {
    // Everything that determines the page besides the connection.
    const key = JSON.stringify([type, query.offset ?? 0, query.limit ?? null, query.status ?? null]);
    const page = await this.cache.get(connectionId, key, () => this.load(connectionId, type, query));
    // observedAt is a fresh Date each time: Dates cannot be frozen. The age is computed from it per response.
    return page && { data: page.data as T[], observedAt: new Date(page.observedAt), hasMore: page.hasMore };
  }

  /**
   * One statement (state and page together): a Prisma model query alone costs several times a raw
   * one. The page comes as JSON text, whose length sizes the cache entry.
   */
  private async load(
    connectionId: string,
    type: ResourceType,
    query: SnapshotQuery,
  ): Promise<LoadedSnapshot<SnapshotPage<unknown>>> {
    const status = query.status ?? null;
    // One extra row tells whether more follow; LIMIT NULL is no limit. COLLATE "C" compares bytes,
    // as the adapters compare strings (ISO timestamps, ids), whatever the database's locale.
    const take = query.limit === undefined ? null : query.limit + 1;
    const [row] = await this.prisma.$queryRaw<
      Array<{ tenantId: string; observedAt: Date | null; polledTypes: string[]; data: string }>
    >`
      SELECT s.tenant_id AS "tenantId", s.observed_at AS "observedAt", s.polled_types AS "polledTypes",
        (SELECT coalesce(json_agg(page.data ORDER BY page.n), '[]') FROM (
           SELECT data, row_number() OVER (
             ORDER BY data->>'createdAt' COLLATE "C" DESC NULLS LAST, resource_id COLLATE "C") AS n
           FROM resource_snapshots
           WHERE connection_id = s.connection_id AND resource_type = ${type}
             AND (${status}::text IS NULL OR data->>'status' = ${status}::text)
           ORDER BY n LIMIT ${take}::int OFFSET ${query.offset ?? 0}::int) AS page)::text AS data
      FROM connection_poll_states s WHERE s.connection_id = ${connectionId}::uuid`;
    if (!row?.observedAt || !row.polledTypes.includes(type)) return undefined;
    const data = JSON.parse(row.data) as unknown[];
    const hasMore = query.limit !== undefined && data.length > query.limit;
    if (hasMore) data.length = query.limit!;
    const page = { data: deepFreeze(data), observedAt: row.observedAt, hasMore };
    return { value: page, tenantId: row.tenantId, size: row.data.length };
  }
}
