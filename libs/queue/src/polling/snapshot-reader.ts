import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/persistence';
import type { ResourceType } from './polling-types';

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
 * Reads of the latest snapshots, for `?cached=true`: no provider call. Resources come back in the
 * order the live routes return them: newest first, ties by id (as the adapters sort them).
 */
@Injectable()
export class SnapshotReader {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * undefined until a poll has succeeded for this resource type of the connection. One statement
   * (state and page together): cached reads are meant to be cheap, and a Prisma model query alone
   * costs several times a raw one.
   */
  async read<T>(
    connectionId: string,
    type: ResourceType,
    query: SnapshotQuery = {},
  ): Promise<SnapshotPage<T> | undefined> {
    const status = query.status ?? null;
    // One extra row tells whether more follow; LIMIT NULL is no limit. COLLATE "C" compares bytes,
    // as the adapters compare strings (ISO timestamps, ids), whatever the database's locale.
    const take = query.limit === undefined ? null : query.limit + 1;
    const [row] = await this.prisma.$queryRaw<
      Array<{ observedAt: Date | null; polledTypes: string[]; data: T[] }>
    >`
      SELECT s.observed_at AS "observedAt", s.polled_types AS "polledTypes",
        (SELECT coalesce(json_agg(page.data ORDER BY page.n), '[]') FROM (
           SELECT data, row_number() OVER (
             ORDER BY data->>'createdAt' COLLATE "C" DESC NULLS LAST, resource_id COLLATE "C") AS n
           FROM resource_snapshots
           WHERE connection_id = s.connection_id AND resource_type = ${type}
             AND (${status}::text IS NULL OR data->>'status' = ${status}::text)
           ORDER BY n LIMIT ${take}::int OFFSET ${query.offset ?? 0}::int) AS page) AS data
      FROM connection_poll_states s WHERE s.connection_id = ${connectionId}::uuid`;
    if (!row?.observedAt || !row.polledTypes.includes(type)) return undefined;
    const hasMore = query.limit !== undefined && row.data.length > query.limit;
    return { data: hasMore ? row.data.slice(0, query.limit) : row.data, observedAt: row.observedAt, hasMore };
  }
}
