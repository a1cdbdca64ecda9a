import { randomUUID } from 'node:crypto';
import { jitterOffset, pollSchedulerId } from './poll-schedules';

describe('jitterOffset', () => {
  it('is a fixed place strictly inside the interval for each connection', () => {
    const id = randomUUID();
    expect(jitterOffset(id, 900_000)).toBe(jitterOffset(id, 900_000));
    for (let i = 0; i < 200; i++) {
      const offset = jitterOffset(randomUUID(), 1_000);
      expect(offset).toBeGreaterThanOrEqual(1);
      expect(offset).toBeLessThan(1_000);
    }
  });

  it('spreads connections over the interval rather than bunching them', () => {
    const every = 900_000;
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 5_000; i++) buckets[Math.floor((jitterOffset(randomUUID(), every) / every) * 10)]!++;
    for (const count of buckets) expect(count).toBeGreaterThan(400);
  });

  it('names schedulers without colons (BullMQ reads colon-separated keys as legacy repeatables)', () => {
    expect(pollSchedulerId(randomUUID())).not.toContain(':');
  });
});
