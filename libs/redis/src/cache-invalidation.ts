import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/config';
import Redis from 'ioredis';
import { RedisClient } from './redis-client';

/**
 * What changed: everything cached about one tenant (its keys, its connections, their snapshots), the
 * poll snapshots of one connection (a poll committed), or everything.
 */
export type InvalidationScope = { tenantId: string } | { snapshotsOf: string } | { all: true };

type Listener = (scope: InvalidationScope) => void;

/**
 * Invalidation of the per-process caches (API key → tenant, connection → credentials, snapshot
 * pages) across every api and worker process, over Redis pub/sub.
 *
 * - The process that makes a change drops its own entries synchronously, before it answers, so
 *   "revoked, then the next request gets 401" holds exactly there; the others drop theirs when the
 *   message arrives (well under a millisecond on one host).
 * - A process trusts its caches only while it is subscribed (`active`). Until the subscription is
 *   up, and whenever the connection drops, caches are bypassed and emptied: a message missed during
 *   an outage can never leave a stale entry behind. Caches also expire entries after a short TTL.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CacheInvalidation.name);
  private readonly listeners = new Set<Listener>();
  private readonly channel: string;
  private subscriber?: Redis;
  private subscribed = false;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly redis: RedisClient,
  ) {
    this.channel = `${config.QUEUE_PREFIX}:cache-invalidation`;
  }

  /** Whether cached entries may be used (the invalidation channel is subscribed). */
  get active(): boolean {
    return this.subscribed;
  }

  onModuleInit(): void {
    const subscriber = new Redis(this.config.REDIS_URL, {
      lazyConnect: true,
      autoResubscribe: false, // subscribed again on each 'ready', and only then trusted
      maxRetriesPerRequest: null,
    });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // reconnects on its own; caches are bypassed meanwhile
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
        },
        () => subscriber.disconnect(true), // try again from a fresh connection
      );
    });
    subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.notify({ all: true });
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const scope = parseScope(message);
      this.notify(scope ?? { all: true });
    });
    subscriber.connect().catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.subscribed = false;
    this.subscriber?.disconnect();
  }

  onInvalidate(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Call after a committed change to a tenant, its API keys or its connections: drops this
   * process' entries at once, then tells the other processes. A failed publish (Redis down) is
   * logged, not thrown: the change itself succeeded, and processes that cannot reach Redis do not
   * use their caches.
   */
  async tenantChanged(tenantId: string): Promise<void> {
    await this.publish({ tenantId });
  }

  /**
   * A poll of the connection committed (new observedAt, maybe new snapshots). The worker awaits this
   * before the poll job completes, so whoever learns of the completion through the queue learns it
   * after every subscribed process was sent the message.
   */
  async snapshotsChanged(connectionId: string): Promise<void> {
    await this.publish({ snapshotsOf: connectionId });
  }

  /** Everything changed (e.g. credentials re-encrypted in bulk). */
  async everythingChanged(): Promise<void> {
    await this.publish({ all: true });
  }

  private async publish(scope: InvalidationScope): Promise<void> {
    this.notify(scope);
    try {
      await this.redis.publish(this.channel, JSON.stringify(scope));
    } catch (error) {
      this.logger.warn(
        { err: error, scope },
        'Could not publish a cache invalidation; other processes rely on their cache TTL',
      );
    }
  }

  private notify(scope: InvalidationScope): void {
    for (const listener of this.listeners) listener(scope);
  }
}

function parseScope(message: string): InvalidationScope | undefined {
  try {
    const parsed = JSON.parse(message) as { tenantId?: unknown; snapshotsOf?: unknown; all?: unknown };
    if (typeof parsed.tenantId === 'string') return { tenantId: parsed.tenantId };
    if (typeof parsed.snapshotsOf === 'string') return { snapshotsOf: parsed.snapshotsOf };
    if (parsed.all === true) return { all: true };
  } catch {
    // fall through: an unreadable message drops everything, to be safe
  }
  return undefined;
}
