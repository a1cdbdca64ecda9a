import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { sha256Hex } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { ConnectionCredentials } from '@app/persistence';
import { ProviderRegistry } from '@app/providers';
import { describeFailure, PollSchedules, type PollJobData } from '@app/queue';
import { backoffMs, rateLimitOf } from './poll-backoff';
import { isForeignKeyViolation } from './poll-database';
import { type PolledConnectionRow, type PollContext, PollStateStore } from './poll-state-store';
import { type PollTarget, ResourceReader } from './resource-reader';
import { SnapshotWriter } from './snapshot-writer';

/** What a poll did; the BullMQ job's return value (visible in Bull Board and to whoever requested it). */
export type PollOutcome =
  | { outcome: 'polled'; events: number; resources: number }
  | { outcome: 'skipped'; backoffUntil: string }
  | { outcome: 'failed'; problemType: string; backoffUntil: string | null }
  | { outcome: 'connection-gone' };

/**
 * One poll of one connection: skip it while the provider's rate limit is being respected, read the
 * resources, record snapshots and events. Failures are recorded on the poll state rather than
 * retried: the next scheduled poll is the retry. Only failures of our own (database) are thrown.
 */
@Injectable()
export class ConnectionPoller {
  private readonly logger = new Logger(ConnectionPoller.name);

  constructor(
    private readonly states: PollStateStore,
    private readonly reader: ResourceReader,
    private readonly writer: SnapshotWriter,
    private readonly registry: ProviderRegistry,
    private readonly credentials: ConnectionCredentials,
    private readonly schedules: PollSchedules,
    private readonly config: AppConfig,
  ) {}

  async poll({ tenantId, connectionId }: PollJobData): Promise<PollOutcome> {
    const started = new Date();
    // The connection comes with the poll state in one statement, rather than through
    // ConnectionResolver (a second, heavier query per poll: resolutions are cached for seconds,
    // polls of one connection are minutes apart).
    const loaded = await this.states.load(tenantId, connectionId);
    if (!loaded) return this.gone(tenantId, connectionId);
    const backoffUntil = loaded.context.state?.backoffUntil;
    if (backoffUntil && backoffUntil > started) {
      this.logger.log({ tenantId, connectionId, backoffUntil }, 'Poll skipped: backing off after a 429');
      return { outcome: 'skipped', backoffUntil: backoffUntil.toISOString() };
    }
    try {
      return await this.attempt(loaded.connection, started, loaded.context);
    } catch (error) {
      // Deleted while being polled (its rows cascade away): the writes hit the foreign keys.
      if (isForeignKeyViolation(error)) return this.gone(tenantId, connectionId);
      throw error;
    }
  }

  private async attempt(row: PolledConnectionRow, started: Date, context: PollContext): Promise<PollOutcome> {
    const target = this.target(row);
    const fields = { tenantId: row.tenantId, connectionId: row.id, provider: row.provider };
    try {
      const observation = await this.reader.read(target);
      const poll = { ...fields, startedAt: started, accountKey: accountKey(row), observation };
      const events = await this.writer.record(poll, context);
      const outcome = { outcome: 'polled', events, resources: observation.resources.length } as const;
      const durationMs = Date.now() - started.getTime();
      if (events > 0) this.logger.log({ ...fields, ...outcome, durationMs }, 'Poll recorded changes');
      else this.logger.debug({ ...fields, ...outcome, durationMs }, 'Poll found no change');
      return outcome;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      return this.failed(fields, error, context);
    }
  }

  /** The adapter and ProviderCall for the row, as ConnectionResolver builds them. */
  private target(row: PolledConnectionRow): PollTarget {
    const adapter = this.registry.get(row.provider);
    return {
      adapter,
      origin: { provider: adapter.id, connectionId: row.id },
      call: {
        connectionId: row.id,
        account: row.account as Record<string, unknown>,
        settings: row.settings as Record<string, unknown>,
        credentials: this.credentials.open(row),
      },
    };
  }

  /** A deleted connection's schedule goes at its first run (tenant deletion has no schedule hook). */
  private async gone(tenantId: string, connectionId: string): Promise<PollOutcome> {
    await this.schedules.remove(connectionId);
    this.logger.log({ tenantId, connectionId }, 'Connection is gone: its poll schedule was removed');
    return { outcome: 'connection-gone' };
  }

  private async failed(
    fields: { tenantId: string; connectionId: string; provider: string },
    error: GatewayError,
    context: PollContext,
  ): Promise<PollOutcome> {
    const { problem } = describeFailure(error);
    const rateLimit = rateLimitOf(error);
    let backoff: { count: number; until: Date } | null = null;
    if (rateLimit) {
      const count = (context.state?.rateLimitedCount ?? 0) + 1;
      const policy = { baseMs: this.config.POLL_BACKOFF_MS, maxMs: this.config.POLL_BACKOFF_MAX_MS };
      const until = new Date(Date.now() + backoffMs(policy, count, rateLimit.retryAfterSeconds));
      backoff = { count, until };
    }
    await this.states.recordFailure(fields, problem, backoff);
    const backoffUntil = backoff?.until.toISOString() ?? null;
    this.logger.warn(
      { ...fields, problemType: problem.type, backoffUntil, rateLimitedCount: backoff?.count },
      'Poll failed',
    );
    return { outcome: 'failed', problemType: problem.type, backoffUntil };
  }
}

/** Identifies the provider account a baseline belongs to; credentials and settings do not count. */
const accountKey = (row: PolledConnectionRow): string =>
  sha256Hex(`${row.provider}\n${JSON.stringify(row.account)}`);
