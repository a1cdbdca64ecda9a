import type { CacheInvalidation, InvalidationScope } from './cache-invalidation';

interface Entry<V> {
  value: V;
  tenantId: string;
  loadedAt: number;
}

/** What a load found: the value and the tenant it belongs to, or undefined (nothing to cache). */
export type Loaded<V> = { value: V; tenantId: string } | undefined;

export interface TenantScopedCacheOptions {
  /** Hard limit: an entry older than this is never served. */
  ttlMs: number;
  /** From this age on, a hit also reloads the entry in the background (default: half the TTL). */
  refreshAfterMs?: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * A small in-process cache of values that belong to a tenant, kept correct by CacheInvalidation:
 *
 * - entries are dropped when their tenant changes (in any process), and expire after `ttlMs`;
 * - while invalidation is not active (Redis subscription down) nothing is read from or stored in
 *   the cache: every call loads;
 * - a load that was running while an invalidation happened is not stored (it may have read the
 *   state from before the change);
 * - concurrent misses of one key share one load, and an entry past `refreshAfterMs` is reloaded in
 *   the background while it keeps being served, so requests do not wait for the database at every
 *   expiry (a steady stream of requests never sees a miss);
 * - bounded: past `maxEntries` the oldest entry goes.
 */
export class TenantScopedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<Loaded<V>>>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly refreshAfterMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly invalidation: Pick<CacheInvalidation, 'active' | 'onInvalidate'>,
    options: TenantScopedCacheOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.refreshAfterMs = options.refreshAfterMs ?? options.ttlMs / 2;
    this.maxEntries = options.maxEntries;
    this.now = options.now ?? Date.now;
    invalidation.onInvalidate((scope) => this.invalidate(scope));
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value of `key`, or what `load` finds (stored when it found something). */
  async get(key: string, load: () => Promise<Loaded<V>>): Promise<V | undefined> {
    if (!this.invalidation.active) return (await load())?.value;
    const entry = this.entries.get(key);
    if (entry) {
      const age = this.now() - entry.loadedAt;
      if (age < this.ttlMs) {
        if (age >= this.refreshAfterMs && !this.loading.has(key)) this.load(key, load).catch(() => undefined); // keeps serving the entry meanwhile
        return entry.value;
      }
      this.entries.delete(key);
    }
    return (await (this.loading.get(key) ?? this.load(key, load)))?.value;
  }

  invalidate(scope: InvalidationScope): void {
    // A poll's snapshots are no tenant-scoped value: every poll publishes one, and dropping keys and
    // connections each time would send their lookups back to the database for nothing.
    if ('snapshotsOf' in scope) return;
    this.generation++;
    // Loads in flight may have read the old state: later callers must not join them.
    this.loading.clear();
    if ('all' in scope) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) if (entry.tenantId === scope.tenantId) this.entries.delete(key);
  }

  private load(key: string, load: () => Promise<Loaded<V>>): Promise<Loaded<V>> {
    const startedAt = this.generation;
    const loading = load().then(
      (loaded) => {
        if (this.loading.get(key) === loading) this.loading.delete(key);
        if (this.invalidation.active && startedAt === this.generation) {
          this.entries.delete(key);
          if (loaded) {
            if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
            this.entries.set(key, { value: loaded.value, tenantId: loaded.tenantId, loadedAt: this.now() });
          }
        }
        return loaded;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loading) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loading);
    return loading;
  }
}
