import { invalidationBus as bus } from '../../../test/support/invalidation-bus';
import { type Loaded, TenantScopedCache } from './tenant-scoped-cache';

/** A loader that counts its calls and answers `value` for `tenantId`. */
function loader<V>(value: V, tenantId = 't1') {
  const load = jest.fn(async (): Promise<Loaded<V>> => ({ value, tenantId }));
  return load;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('TenantScopedCache', () => {
  it('loads once, then serves from memory until the TTL runs out', async () => {
    let now = 1_000;
    const cache = new TenantScopedCache<string>(bus(), {
      ttlMs: 100,
      refreshAfterMs: 100,
      maxEntries: 10,
      now: () => now,
    });
    const load = loader('v');
    expect(await cache.get('k', load)).toBe('v');
    now += 99;
    expect(await cache.get('k', load)).toBe('v');
    expect(load).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await cache.get('k', load)).toBe('v');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reloads in the background past refreshAfterMs, serving the entry meanwhile', async () => {
    let now = 0;
    const cache = new TenantScopedCache<string>(bus(), {
      ttlMs: 100,
      refreshAfterMs: 50,
      maxEntries: 10,
      now: () => now,
    });
    await cache.get('k', loader('old'));
    now = 60;
    const fresh = loader('new');
    expect(await cache.get('k', fresh)).toBe('old');
    await settle();
    expect(fresh).toHaveBeenCalledTimes(1);
    expect(await cache.get('k', fresh)).toBe('new');
  });

  it('shares one load between concurrent misses, and caches nothing that was not found', async () => {
    const cache = new TenantScopedCache<string>(bus(), { ttlMs: 10_000, maxEntries: 10 });
    const load = loader('v');
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual(['v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
    const missing = jest.fn(async (): Promise<Loaded<string>> => undefined);
    expect(await cache.get('gone', missing)).toBeUndefined();
    expect(await cache.get('gone', missing)).toBeUndefined();
    expect(missing).toHaveBeenCalledTimes(2);
  });

  it("drops the changed tenant's entries only, or everything", async () => {
    const events = bus();
    const cache = new TenantScopedCache<string>(events, { ttlMs: 10_000, maxEntries: 10 });
    await cache.get('a', loader('a', 't1'));
    await cache.get('b', loader('b', 't2'));
    events.emit({ tenantId: 't1' });
    expect(await cache.get('a', loader('a2', 't1'))).toBe('a2');
    expect(await cache.get('b', loader('b2', 't2'))).toBe('b');
    events.emit({ all: true });
    expect(await cache.get('b', loader('b3', 't2'))).toBe('b3');
  });

  it("ignores a poll's snapshot invalidation: entries and loads in flight stay", async () => {
    const events = bus();
    const cache = new TenantScopedCache<string>(events, { ttlMs: 10_000, maxEntries: 10 });
    await cache.get('a', loader('a', 't1'));
    let release!: () => void;
    const slow = new Promise<Loaded<string>>(
      (resolve) => (release = () => resolve({ value: 'b', tenantId: 't1' })),
    );
    const pending = cache.get('b', () => slow);
    events.emit({ snapshotsOf: 'c1' });
    release();
    expect(await pending).toBe('b');
    const unused = loader('unused');
    expect(await cache.get('a', unused)).toBe('a');
    expect(await cache.get('b', unused)).toBe('b');
    expect(unused).not.toHaveBeenCalled();
  });

  it('does not keep a value whose load overlapped an invalidation (it may predate the change)', async () => {
    const events = bus();
    const cache = new TenantScopedCache<string>(events, { ttlMs: 10_000, maxEntries: 10 });
    let release!: () => void;
    const slow = jest.fn(
      () =>
        new Promise<Loaded<string>>(
          (resolve) => (release = () => resolve({ value: 'stale', tenantId: 't1' })),
        ),
    );
    const pending = cache.get('k', slow);
    await settle();
    events.emit({ tenantId: 't1' });
    // A caller after the change does not join the old load.
    const after = cache.get('k', loader('fresh'));
    release();
    expect(await pending).toBe('stale');
    expect(await after).toBe('fresh');
    expect(await cache.get('k', loader('unused'))).toBe('fresh');
  });

  it('is bypassed while invalidation is not active', async () => {
    const events = bus(false);
    const cache = new TenantScopedCache<string>(events, { ttlMs: 10_000, maxEntries: 10 });
    const load = loader('v');
    await cache.get('k', load);
    await cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, evicting the oldest', async () => {
    const cache = new TenantScopedCache<number>(bus(), { ttlMs: 10_000, maxEntries: 3 });
    for (let i = 0; i < 5; i++) await cache.get(`k${i}`, loader(i));
    expect(cache.size).toBe(3);
    const reload = loader(0);
    await cache.get('k0', reload);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
