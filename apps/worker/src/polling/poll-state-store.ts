import { Injectable } from '@nestjs/common';
import type { ProviderConnection } from '@prisma/client';
import type { PoolClient } from 'pg';
import type { JobProblem, ResourceType } from '@app/queue';
import { PollDatabase } from './poll-database';

export interface PollState {
  observedAt: Date | null;
  polledTypes: ResourceType[];
  accountKey: string | null;
  backoffUntil: Date | null;
  rateLimitedCount: number;
}

/** What a poll needs to know before it calls the provider. */
export interface PollContext {
  state: PollState | null;
  /** Snapshot key → hash of every stored resource of the connection. */
  hashes: Map<string, string>;
}

/** The columns of a connection a poll uses (its provider, account, settings, sealed credentials). */
export type PolledConnectionRow = Pick<
  ProviderConnection,
  | 'id'
  | 'tenantId'
  | 'provider'
  | 'account'
  | 'settings'
  | 'credentialsCiphertext'
  | 'credentialsIv'
  | 'credentialsTag'
  | 'credentialsKeyVersion'
  | 'credentialsHint'
>;

/** A poll as its state records it. */
export interface PollMark {
  tenantId: string;
  connectionId: string;
  startedAt: Date;
  accountKey: string;
}

/** The poll state and the hash of every snapshot (not their data) of connection `c`. */
const CONTEXT_COLUMNS = `
  s.observed_at AS "observedAt", s.polled_types AS "polledTypes", s.account_key AS "accountKey",
  s.backoff_until AS "backoffUntil", s.rate_limited_count AS "rateLimitedCount",
  (SELECT coalesce(json_object_agg(r.resource_type || '/' || r.resource_id, r.hash), '{}')
     FROM resource_snapshots r WHERE r.connection_id = c.id) AS hashes`;

type ContextRow = Partial<PollState> & { hashes: Record<string, string> };

const contextOf = ({ hashes, ...state }: ContextRow): PollContext => ({
  // No state row: every column of the outer join is null (rate_limited_count never is otherwise).
  state: state.rateLimitedCount === null ? null : (state as PollState),
  hashes: new Map(Object.entries(hashes)),
});

/** connection_poll_states, and the one read a poll makes before calling the provider. */
@Injectable()
export class PollStateStore {
  constructor(private readonly db: PollDatabase) {}

  /** One statement: the connection (null once deleted, with its tenant or alone) and its poll context. */
  async load(
    tenantId: string,
    connectionId: string,
  ): Promise<{ connection: PolledConnectionRow; context: PollContext } | null> {
    const [row] = await this.db.query<PolledConnectionRow & ContextRow>(
      `SELECT c.id, c.tenant_id AS "tenantId", c.provider, c.account, c.settings,
              c.credentials_ciphertext AS "credentialsCiphertext", c.credentials_iv AS "credentialsIv",
              c.credentials_tag AS "credentialsTag", c.credentials_key_version AS "credentialsKeyVersion",
              c.credentials_hint AS "credentialsHint", ${CONTEXT_COLUMNS}
       FROM provider_connections c LEFT JOIN connection_poll_states s ON s.connection_id = c.id
       WHERE c.id = $1 AND c.tenant_id = $2`,
      [connectionId, tenantId],
    );
    if (!row) return null;
    const { observedAt, polledTypes, accountKey, backoffUntil, rateLimitedCount, hashes, ...connection } =
      row;
    return {
      connection,
      context: contextOf({ observedAt, polledTypes, accountKey, backoffUntil, rateLimitedCount, hashes }),
    };
  }

  /** The context again, inside the transaction that records changes (after its lock). */
  async context(db: PoolClient, connectionId: string): Promise<PollContext> {
    const [row] = await this.db.query<ContextRow>(
      `SELECT ${CONTEXT_COLUMNS}
       FROM (SELECT $1::uuid AS id) c LEFT JOIN connection_poll_states s ON s.connection_id = c.id`,
      [connectionId],
      db,
    );
    return contextOf(row!);
  }

  /** A successful poll. Never moves the state back: a poll older than the recorded one changes nothing. */
  async markSucceeded(poll: PollMark, polledTypes: string[], db?: PoolClient): Promise<void> {
    await this.db.query(
      `INSERT INTO connection_poll_states AS s (connection_id, tenant_id, observed_at, attempted_at, polled_types,
                                               account_key, last_error, rate_limited_count, backoff_until)
       VALUES ($1, $2, $3, now(), $4, $5, NULL, 0, NULL)
       ON CONFLICT (connection_id) DO UPDATE SET observed_at = EXCLUDED.observed_at,
         attempted_at = EXCLUDED.attempted_at, polled_types = EXCLUDED.polled_types,
         account_key = EXCLUDED.account_key, last_error = NULL, rate_limited_count = 0, backoff_until = NULL
       WHERE s.observed_at IS NULL OR s.observed_at <= EXCLUDED.observed_at`,
      [poll.connectionId, poll.tenantId, poll.startedAt, polledTypes, poll.accountKey],
      db,
    );
  }

  /** A failed poll: the problem, and until when polls are skipped (rate limiting), if at all. */
  async recordFailure(
    poll: Pick<PollMark, 'tenantId' | 'connectionId'>,
    problem: JobProblem,
    rateLimited: { count: number; until: Date } | null,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO connection_poll_states AS s (connection_id, tenant_id, attempted_at, polled_types, last_error,
                                               rate_limited_count, backoff_until)
       VALUES ($1, $2, now(), '{}', $3, $4, $5)
       ON CONFLICT (connection_id) DO UPDATE SET attempted_at = EXCLUDED.attempted_at,
         last_error = EXCLUDED.last_error, rate_limited_count = EXCLUDED.rate_limited_count,
         backoff_until = EXCLUDED.backoff_until`,
      [
        poll.connectionId,
        poll.tenantId,
        JSON.stringify(problem),
        rateLimited?.count ?? 0,
        rateLimited?.until ?? null,
      ],
    );
  }
}
