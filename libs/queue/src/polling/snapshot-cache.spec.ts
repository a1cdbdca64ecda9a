import { invalidationBus as bus } from '../../../../test/support/invalidation-bus';
import { type LoadedSnapshot, SnapshotCache, type SnapshotCacheOptions } from './snapshot-cache';

const OPTIONS: SnapshotCacheOptions = { ttlMs: 10_000, maxEntries: 100, maxSize: 1_000, maxEntrySize: 100 };

/** A load that counts its calls and finds `value` (tenant t1, size 10 unless told). */
const loader = (value: string, size = 10, tenantId = 't1') =>
  jest.fn(async (): Promise<LoadedSnapshot<string>> => ({ value, tenantId, size }));

/** A load that finishes when `release` is called, to interleave it with invalidations. */
function slowLoader(value: string) {
  let release!: () => void;
  const load = jest.fn(
    () =>
      new Promise<LoadedSnapshot<string>>((resolve) => {
        release = () => resolve({ value, tenantId: 't1', size: 10 });
      }),
  );
  return { load, release: () => release() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SnapshotCache', () => {
  it('loads once, serves from memory until the TTL, and keeps pages of one connection apart', async () => {
    let now = 0;
    const cache = new SnapshotCache<string>(bus(), { ...OPTIONS, ttlMs: 100, now: () => now });
    const load = loader('p1');
    expect(await cache.get('c1', 'page1', load)).toBe('p1');
    now = 99;
    expect(await cache.get('c1', 'page1', load)).toBe('p1');
    expect(load).toHaveBeenCalledTimes(1);
    expect(await cache.get('c1', 'page2', loader('p2'))).toBe('p2');
    expect(await cache.get('c2', 'page1', loader('other'))).toBe('other');
    now = 100;
    expect(await cache.get('c1', 'page1', loader('reloaded'))).toBe('reloaded');
  });

  it('shares one load between concurrent misses; keeps nothing not found, failed or too large', async () => {
    const cache = new SnapshotCache<string>(bus(), OPTIONS);
    const load = loader('v');
    expect(await Promise.all([cache.get('c1', 'k', load), cache.get('c1', 'k', load)])).toEqual(['v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
    const missing = jest.fn(async (): Promise<LoadedSnapshot<string>> => undefined);
    await cache.get('c1', 'none', missing);
    await cache.get('c1', 'none', missing);
    expect(missing).toHaveBeenCalledTimes(2);
    await expect(cache.get('c1', 'bad', () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await cache.get('c1', 'bad', loader('recovered'))).toBe('recovered');
    const big = loader('big', 101);
    await cache.get('c1', 'big', big);
    await cache.get('c1', 'big', big);
    expect(big).toHaveBeenCalledTimes(2);
  });

  it("drops a polled connection's pages only; a tenant change those of its connections", async () => {
    const events = bus();
    const cache = new SnapshotCache<string>(events, OPTIONS);
    await cache.get('a1', 'k1', loader('a1', 10, 'ta'));
    await cache.get('a1', 'k2', loader('a1', 10, 'ta'));
    await cache.get('a2', 'k1', loader('a2', 10, 'ta'));
    await cache.get('b1', 'k1', loader('b1', 10, 'tb'));
    events.emit({ snapshotsOf: 'a1' });
    expect([cache.sizeOf('a1'), cache.sizeOf('a2'), cache.sizeOf('b1')]).toEqual([0, 1, 1]);
    expect(await cache.get('a1', 'k1', loader('a1 new', 10, 'ta'))).toBe('a1 new');
    events.emit({ tenantId: 'ta' });
    expect([cache.sizeOf('a1'), cache.sizeOf('a2'), cache.sizeOf('b1')]).toEqual([0, 0, 1]);
    events.emit({ all: true });
    expect(cache.size).toBe(0);
  });

  it('does not store a page whose load overlapped an invalidation of its connection', async () => {
    const events = bus();
    const cache = new SnapshotCache<string>(events, OPTIONS);
    const stale = slowLoader('before the poll');
    const pending = cache.get('c1', 'k', stale.load);
    await settle();
    events.emit({ snapshotsOf: 'c1' });
    // A caller after the invalidation does not join the old load, and its own load is kept.
    const fresh = slowLoader('after the poll');
    const after = cache.get('c1', 'k', fresh.load);
    fresh.release();
    expect(await after).toBe('after the poll');
    stale.release(); // finishing last, it must not overwrite the newer page
    expect(await pending).toBe('before the poll');
    expect(await cache.get('c1', 'k', loader('unused'))).toBe('after the poll');
  });

  it('lets a load of another connection store its page across an invalidation', async () => {
    const events = bus();
    const cache = new SnapshotCache<string>(events, OPTIONS);
    const other = slowLoader('c2 page');
    const pending = cache.get('c2', 'k', other.load);
    events.emit({ snapshotsOf: 'c1' });
    other.release();
    await pending;
    expect(cache.sizeOf('c2')).toBe(1);
  });

  it('detaches every load in flight on a tenant change (their tenant is not known yet)', async () => {
    const events = bus();
    const cache = new SnapshotCache<string>(events, OPTIONS);
    const slow = slowLoader('v');
    const pending = cache.get('c1', 'k', slow.load);
    events.emit({ tenantId: 'some tenant' });
    slow.release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it('is bypassed while invalidation is not active, and keeps nothing loaded when it goes down', async () => {
    const events = bus(false);
    const cache = new SnapshotCache<string>(events, OPTIONS);
    const load = loader('v');
    await cache.get('c1', 'k', load);
    await cache.get('c1', 'k', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
    events.active = true;
    const slow = slowLoader('v');
    const pending = cache.get('c1', 'k', slow.load);
    events.active = false; // CacheInvalidation also emits { all: true } then
    slow.release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entries past maxEntries', async () => {
    const cache = new SnapshotCache<string>(bus(), { ...OPTIONS, maxEntries: 3 });
    for (const key of ['k1', 'k2', 'k3']) await cache.get('c1', key, loader(key));
    await cache.get('c1', 'k1', loader('unused')); // k1 used: k2 is now the least recently used
    await cache.get('c2', 'k4', loader('k4'));
    expect(cache.size).toBe(3);
    const k1 = loader('k1 again');
    expect(await cache.get('c1', 'k1', k1)).toBe('k1');
    expect(await cache.get('c1', 'k2', loader('k2 reloaded'))).toBe('k2 reloaded');
  });

  it('evicts the least recently used entries past maxSize', async () => {
    const cache = new SnapshotCache<string>(bus(), { ...OPTIONS, maxSize: 250 });
    await cache.get('c1', 'a', loader('a', 100));
    await cache.get('c1', 'b', loader('b', 100));
    await cache.get('c1', 'c', loader('c', 100)); // 300 > 250: 'a' goes
    expect(cache.size).toBe(2);
    expect(await cache.get('c1', 'a', loader('a reloaded', 50))).toBe('a reloaded'); // 250: 'b' stays
    expect(cache.size).toBe(3);
    const unused = loader('unused');
    expect(await cache.get('c1', 'b', unused)).toBe('b');
    expect(unused).not.toHaveBeenCalled();
  });
});
