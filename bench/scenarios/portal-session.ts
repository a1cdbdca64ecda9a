import { CONNECTION_BODIES } from '../../test/fakes/connection-bodies';
import { type LoadResult, paced, saturate, type Target } from '../lib/load';
import { Child, cpuTimeMs } from '../lib/processes';
import type { Stack } from '../lib/stack';
import { log } from '../lib/stack';
import { median } from '../lib/stats';

export type PortalProvider = 'stripe' | 'ampersand';

export interface PortalSessionOptions {
  rounds: number;
  durationS: number;
  connections: number;
  warmupS: number;
  rate: number;
  /** Both sides at once, interleaved request by request. */
  rateDurationS: number;
}

export interface SideResult {
  rounds: Array<LoadResult & { cpuUsPerRequest: number }>;
  /** CPU time (user + system) of the serving process per successful request, median of rounds. */
  cpuUsPerRequest: number;
  /** Median over the rounds of each figure. */
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  fixedRate: LoadResult;
}

export interface PortalSessionResult {
  provider: PortalProvider;
  options: PortalSessionOptions;
  gateway: SideResult;
  baseline: SideResult;
}

const RETURN_URL = 'https://app.example.com/billing';

/** The test fakes' connections; Ampersand's sessions get an expiry, as a tenant would configure. */
const CONNECTIONS = {
  stripe: CONNECTION_BODIES.stripe,
  ampersand: { ...CONNECTION_BODIES.ampersand, settings: { timeout: 3600 } },
};

async function expectCreated(target: Target, what: string): Promise<void> {
  const response = await fetch(target.url, {
    method: target.method,
    headers: target.headers,
    body: target.body,
  });
  const text = await response.text();
  if (response.status !== 201 || !text.includes('"url"'))
    throw new Error(`${what}: POST /v1/portal-session answered ${response.status}: ${text}`);
}

function sideOf(rounds: SideResult['rounds'], fixedRate: LoadResult): SideResult {
  return {
    rounds,
    cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.latency.p50)),
    p99: median(rounds.map((r) => r.latency.p99)),
    p999: median(rounds.map((r) => r.latency.p999)),
    fixedRate,
  };
}

/**
 * POST /v1/portal-session through the gateway and through the baseline forwarder, against the same
 * fake upstream: saturation rounds alternate between the two (so drift on a shared machine hits
 * both alike), then each runs at a fixed moderate rate.
 */
export async function portalSessionHop(
  stack: Stack,
  provider: PortalProvider,
  options: PortalSessionOptions,
): Promise<PortalSessionResult> {
  const connection = CONNECTIONS[provider];
  const tenant = await stack.admin.tenantWithKey(`bench-portal-${provider}`);
  await stack.admin.connection(tenant.tenantId, { ...connection, isPrimary: true });
  const [baselineProcess, baselineInfo] = await Child.startTs<{ url: string }>(
    `baseline-${provider}`,
    'bench/baseline-forwarder.ts',
    {
      BASELINE_PROVIDER: provider,
      BASELINE_UPSTREAM: provider === 'stripe' ? stack.upstreams.stripe : stack.upstreams.ampersand,
      BASELINE_API_KEY: connection.credentials.apiKey,
      BASELINE_ACCOUNT: JSON.stringify(connection.account),
      BASELINE_SETTINGS: JSON.stringify(connection.settings),
    },
  );
  try {
    const body = JSON.stringify({ returnUrl: RETURN_URL });
    const json = { 'Content-Type': 'application/json' };
    const gateway: Target = {
      url: `${stack.apiUrl}/v1/portal-session`,
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${tenant.apiKey}` },
      body,
    };
    const baseline: Target = {
      url: `${baselineInfo.url}/v1/portal-session`,
      method: 'POST',
      headers: json,
      body,
    };
    await expectCreated(gateway, 'gateway');
    await expectCreated(baseline, 'baseline');

    log(`portal session (${provider}): warm-up`);
    await saturate(gateway, options.connections, options.warmupS);
    await saturate(baseline, options.connections, options.warmupS);
    const rounds = { gateway: [] as SideResult['rounds'], baseline: [] as SideResult['rounds'] };
    const pids = { gateway: stack.api!.pid, baseline: baselineProcess.pid };
    for (let round = 1; round <= options.rounds; round++) {
      // Alternate which goes first, so neither always runs on a machine the other just heated.
      const order: Array<'gateway' | 'baseline'> =
        round % 2 ? ['gateway', 'baseline'] : ['baseline', 'gateway'];
      for (const side of order) {
        const cpuBefore = cpuTimeMs(pids[side]);
        const load = await saturate(
          side === 'gateway' ? gateway : baseline,
          options.connections,
          options.durationS,
        );
        const result = { ...load, cpuUsPerRequest: ((cpuTimeMs(pids[side]) - cpuBefore) * 1000) / load.ok };
        rounds[side].push(result);
        log(
          `portal session (${provider}) round ${round} ${side}: ${result.rps.toFixed(0)} req/s, ` +
            `p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms, ` +
            `${result.cpuUsPerRequest.toFixed(0)} µs CPU/request` +
            (result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''),
        );
      }
    }
    log(`portal session (${provider}): ${options.rate} req/s fixed rate`);
    // Interleaved request by request, so both sides see the same moments of the shared machine.
    const [fixedGateway, fixedBaseline] = (await paced(
      [gateway, baseline],
      options.rate,
      options.rateDurationS,
    )) as [LoadResult, LoadResult];
    log(
      `portal session (${provider}) at ${options.rate} req/s: gateway p50 ${fixedGateway.latency.p50.toFixed(2)} / ` +
        `p99 ${fixedGateway.latency.p99.toFixed(2)} ms, baseline p50 ${fixedBaseline.latency.p50.toFixed(2)} / ` +
        `p99 ${fixedBaseline.latency.p99.toFixed(2)} ms`,
    );
    return {
      provider,
      options,
      gateway: sideOf(rounds.gateway, fixedGateway),
      baseline: sideOf(rounds.baseline, fixedBaseline),
    };
  } finally {
    await baselineProcess.stop();
  }
}

export interface FloorResult {
  path: string;
  rps: number;
  cpuUsPerRequest: number;
}

/**
 * For scale: the cheapest route of the api (GET /health/live: no authentication, body, access log
 * or upstream call) at saturation, i.e. what Nest on Fastify costs per request before any work.
 */
export async function frameworkFloor(
  stack: Stack,
  connections: number,
  durationS: number,
): Promise<FloorResult> {
  const target: Target = { url: `${stack.apiUrl}/health/live`, method: 'GET' };
  await saturate(target, connections, Math.min(3, durationS));
  const cpuBefore = cpuTimeMs(stack.api!.pid);
  const load = await saturate(target, connections, durationS);
  const result = {
    path: '/health/live',
    rps: load.rps,
    cpuUsPerRequest: ((cpuTimeMs(stack.api!.pid) - cpuBefore) * 1000) / load.ok,
  };
  log(
    `framework floor (GET /health/live): ${result.rps.toFixed(0)} req/s, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/request`,
  );
  return result;
}
