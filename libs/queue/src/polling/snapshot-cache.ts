import type { CacheInvalidation, InvalidationScope } from '@app/redis';

/** What a load found: the value, the tenant of its connection and its size; undefined: nothing to cache. */
export type LoadedSnapshot<V> = { value: V; tenantId: string; size: number } | undefined;

export interface SnapshotCacheOptions {
  /** Safety net only (a lost message): polls invalidate their connection's pages when they commit. */
  ttlMs: number;
  maxEntries: number;
  /** Sum of the entries' sizes (their JSON length); least recently used entries go past it. */
  maxSize: number;
  /** A value larger than this is served but not kept: it would push out many small pages. */
  maxEntrySize: number;
  now?: () => number;
}

interface Entry<V> {
  connectionId: string;
  tenantId: string;
  value: V;
  size: number;
  loadedAt: number;
}

/**
 * Snapshot pages of connections, per process, kept correct by CacheInvalidation:
 *
 * - a poll's commit drops its connection's pages (`snapshotsOf`), a tenant change those of the
 *   tenant's connections (e.g. a deleted connection), a lost subscription everything; while the
 *   subscription is down the cache is bypassed;
 * - a load stores its value only if it is still the key's current load when it finishes: an
 *   invalidation of its connection in the meantime (it may have read the state from before the
 *   commit) detaches it, so it cannot put a stale page back after the invalidation. Callers that
 *   come after the invalidation start a load of their own instead of joining it;
 * - concurrent misses of one key share one load;
 * - bounded: least recently used entries go past `maxEntries` or `maxSize`, and entries expire
 *   after `ttlMs`.
 */
export class SnapshotCache<V> {
  /** In least recently used order (a hit moves its entry to the end). */
  private readonly entries = new Map<string, Entry<V>>();
  /** Keys of each connection's entries, so an invalidation does not scan the whole cache. */
  private readonly keysOf = new Map<string, Set<string>>();
  /** Loads in flight, by key, with their connection; an invalidation detaches its connection's. */
  private readonly loading = new Map<string, { connectionId: string; promise: Promise<LoadedSnapshot<V>> }>();
  private totalSize = 0;
  private readonly now: () => number;

  constructor(
    private readonly invalidation: Pick<CacheInvalidation, 'active' | 'onInvalidate'>,
    private readonly options: SnapshotCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
    invalidation.onInvalidate((scope) => this.invalidate(scope));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Cached pages of a connection (for tests and diagnostics). */
  sizeOf(connectionId: string): number {
    return this.keysOf.get(connectionId)?.size ?? 0;
  }

  /** `key` must determine the page completely for `connectionId` (type, offset, limit, filters). */
  async get(
    connectionId: string,
    key: string,
    load: () => Promise<LoadedSnapshot<V>>,
  ): Promise<V | undefined> {
    if (!this.invalidation.active) return (await load())?.value;
    const fullKey = `${connectionId} ${key}`;
    const entry = this.entries.get(fullKey);
    if (entry) {
      if (this.now() - entry.loadedAt < this.options.ttlMs) {
        this.entries.delete(fullKey); // re-inserted last: the most recently used now
        this.entries.set(fullKey, entry);
        return entry.value;
      }
      this.remove(fullKey, entry);
    }
    const pending = this.loading.get(fullKey)?.promise ?? this.load(connectionId, fullKey, load);
    return (await pending)?.value;
  }

  invalidate(scope: InvalidationScope): void {
    if ('all' in scope) {
      this.loading.clear();
      this.entries.clear();
      this.keysOf.clear();
      this.totalSize = 0;
      return;
    }
    if ('snapshotsOf' in scope) {
      this.dropConnection(scope.snapshotsOf);
      return;
    }
    // A load's tenant is known only once it finished: every load in flight is detached (tenant
    // changes are rare admin operations; detached loads still answer their callers).
    this.loading.clear();
    const connections = new Set<string>();
    for (const entry of this.entries.values())
      if (entry.tenantId === scope.tenantId) connections.add(entry.connectionId);
    for (const connectionId of connections) this.dropConnection(connectionId);
  }

  private dropConnection(connectionId: string): void {
    for (const [key, load] of this.loading) if (load.connectionId === connectionId) this.loading.delete(key);
    for (const key of this.keysOf.get(connectionId) ?? []) this.remove(key, this.entries.get(key)!);
  }

  private load(
    connectionId: string,
    key: string,
    load: () => Promise<LoadedSnapshot<V>>,
  ): Promise<LoadedSnapshot<V>> {
    const current = { connectionId, promise: load() };
    this.loading.set(key, current);
    const detach = () => {
      if (this.loading.get(key) === current) this.loading.delete(key);
    };
    current.promise.then((loaded) => {
      // Still the key's current load: no invalidation of its connection happened since it started.
      const unchanged = this.loading.get(key) === current;
      detach();
      if (!unchanged || !loaded || !this.invalidation.active || loaded.size > this.options.maxEntrySize)
        return;
      const previous = this.entries.get(key);
      if (previous) this.remove(key, previous);
      this.add(key, {
        connectionId,
        tenantId: loaded.tenantId,
        value: loaded.value,
        size: loaded.size,
        loadedAt: this.now(),
      });
      this.evict();
    }, detach);
    return current.promise;
  }

  private add(key: string, entry: Entry<V>): void {
    this.entries.set(key, entry);
    this.totalSize += entry.size;
    const keys = this.keysOf.get(entry.connectionId);
    if (keys) keys.add(key);
    else this.keysOf.set(entry.connectionId, new Set([key]));
  }

  private remove(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.totalSize -= entry.size;
    const keys = this.keysOf.get(entry.connectionId)!;
    keys.delete(key);
    if (keys.size === 0) this.keysOf.delete(entry.connectionId);
  }

  /** Least recently used first, until both bounds hold. */
  private evict(): void {
    while (this.entries.size > this.options.maxEntries || this.totalSize > this.options.maxSize) {
      const [key, entry] = this.entries.entries().next().value!;
      this.remove(key, entry);
    }
  }
}
