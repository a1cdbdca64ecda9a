import { STRIPE_FAKE } from '../../test/fakes/stripe-fake';
import { type LoadResult, saturate, type Target } from '../lib/load';
import type { Stack } from '../lib/stack';
import { log } from '../lib/stack';
import { median } from '../lib/stats';

export type CachedReadResult =
  | { available: false; reason: string }
  | {
      available: true;
      connections: number;
      rounds: LoadResult[];
      rps: number;
      p50: number;
      p99: number;
      p999: number;
      snapshotWaitS: number;
    };

/**
 * GET /v1/billing-account?cached=true at saturation, once a poll has stored the snapshot (the
 * connection's first poll is requested when it is created). Reports "not available" when the
 * gateway does not know `cached` (400) or no snapshot appears.
 */
export async function cachedRead(
  stack: Stack,
  options: {
    rounds: number;
    durationS: number;
    connections: number;
    warmupS: number;
    snapshotTimeoutMs: number;
  },
): Promise<CachedReadResult> {
  const tenant = await stack.admin.tenantWithKey('bench-cached');
  await stack.admin.connection(tenant.tenantId, {
    provider: 'stripe',
    credentials: { apiKey: STRIPE_FAKE.apiKey },
    account: { customerId: STRIPE_FAKE.customerId },
    settings: { portalConfigurationId: STRIPE_FAKE.configurationId },
    isPrimary: true,
  });
  const target: Target = {
    url: `${stack.apiUrl}/v1/billing-account?cached=true`,
    method: 'GET',
    headers: { Authorization: `Bearer ${tenant.apiKey}` },
  };
  const started = Date.now();
  let last = '';
  for (;;) {
    const response = await fetch(target.url, { headers: target.headers });
    last = `${response.status} ${await response.text()}`;
    if (response.status === 200) break;
    if (response.status === 400 && last.includes('cached'))
      return {
        available: false,
        reason: `GET /v1/billing-account?cached=true answered ${last.slice(0, 200)}`,
      };
    if (Date.now() - started > options.snapshotTimeoutMs)
      return {
        available: false,
        reason: `no snapshot within ${options.snapshotTimeoutMs} ms; last answer ${last.slice(0, 200)}`,
      };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const snapshotWaitS = (Date.now() - started) / 1000;
  await saturate(target, options.connections, options.warmupS);
  const rounds: LoadResult[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const result = await saturate(target, options.connections, options.durationS);
    rounds.push(result);
    log(
      `cached read round ${round}: ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(2)} ms, ` +
        `p99 ${result.latency.p99.toFixed(2)} ms` +
        (result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''),
    );
  }
  return {
    available: true,
    connections: options.connections,
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.latency.p50)),
    p99: median(rounds.map((r) => r.latency.p99)),
    p999: median(rounds.map((r) => r.latency.p999)),
    snapshotWaitS,
  };
}
