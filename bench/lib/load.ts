import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';
import { Agent, request } from 'node:http';
import { type LatencySummary, Samples, summarize } from './stats';

export interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Successful (2xx) responses per second over the run. */
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  durationS: number;
  latency: LatencySummary;
}

/**
 * Closed-loop saturation with autocannon: `connections` keep one request in flight each for
 * `durationS`. Latencies are taken from autocannon's per-response event with sub-millisecond
 * precision (its own histogram rounds to whole milliseconds).
 */
export async function saturate(target: Target, connections: number, durationS: number): Promise<LoadResult> {
  const latencies = new Samples();
  let ok = 0;
  let non2xx = 0;
  const started = process.hrtime.bigint();
  // Without a callback autocannon returns its instance (an EventEmitter) made thenable.
  const instance = autocannon({
    url: target.url,
    method: target.method,
    headers: target.headers,
    body: target.body,
    connections,
    duration: durationS,
    pipelining: 1,
    timeout: 10,
  }) as unknown as EventEmitter & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      ok++;
      latencies.push(responseTime);
    } else {
      non2xx++;
    }
  });
  const result = await instance;
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    rps: ok / elapsedS,
    ok,
    non2xx,
    errors: result.errors + result.timeouts,
    durationS: elapsedS,
    latency: summarize(latencies.values()),
  };
}

/**
 * Open-loop fixed rate, interleaved: each target gets one request every 1000/rate ms on a steady
 * schedule whatever the answers, the targets' schedules offset from each other, so noise on a
 * shared machine (other processes, the fake upstream) hits all of them alike. (autocannon's
 * `overallRate` sends each second's quota as a burst at the start of the second, which measures
 * queueing rather than the cost of one request.) Latency of each request from its send to the end
 * of its response, with hrtime precision.
 */
export async function paced(targets: Target[], rate: number, durationS: number): Promise<LoadResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const sides = targets.map((target) => {
    const body = target.body === undefined ? undefined : Buffer.from(target.body);
    return {
      url: new URL(target.url),
      method: target.method,
      body,
      headers: { ...target.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
      latencies: new Samples(),
      ok: 0,
      non2xx: 0,
      errors: 0,
    };
  });
  const one = (side: (typeof sides)[number]) =>
    new Promise<void>((resolve) => {
      const sent = process.hrtime.bigint();
      const req = request(
        {
          host: side.url.hostname,
          port: side.url.port,
          path: side.url.pathname + side.url.search,
          method: side.method,
          headers: side.headers,
          agent,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              side.ok++;
              side.latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
            } else {
              side.non2xx++;
            }
            resolve();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        side.errors++;
        resolve();
      });
      req.end(side.body);
    });
  // One schedule for all sends: target k of tick i leaves at (i + k / n) intervals.
  const intervalNs = BigInt(Math.round(1e9 / rate / sides.length));
  const total = Math.round(rate * durationS) * sides.length;
  const start = process.hrtime.bigint();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = start + intervalNs * BigInt(i);
    // Timer precision (about 1 ms) only shifts when a request leaves, not the schedule or what is
    // measured: latency runs from the actual send.
    const waitMs = Number(due - process.hrtime.bigint()) / 1e6;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    inFlight.push(one(sides[i % sides.length]!));
  }
  await Promise.all(inFlight);
  const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return sides.map((side) => ({
    rps: side.ok / elapsedS,
    ok: side.ok,
    non2xx: side.non2xx,
    errors: side.errors,
    durationS: elapsedS,
    latency: summarize(side.latencies.values()),
  }));
}
