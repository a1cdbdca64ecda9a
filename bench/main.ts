/**
 * `npm run bench`: builds the api and worker, starts everything on loopback (throwaway PostgreSQL
 * and Redis, the fake upstreams, the api, the worker, a baseline forwarder), runs the scenarios,
 * prints the targets with PASS/FAIL and writes bench/results/latest.{json,md}. Everything it
 * started is stopped at the end, also on failure or Ctrl-C.
 *
 * Options (after `npm run bench --`):
 *   --quick               short runs, for trying the harness (results go to bench/results/*.tmp)
 *   --only=a,b            portal, cached, export, polling, startup (results go to *.tmp)
 *   --providers=a,b       portal session providers (default stripe,ampersand)
 *   --profile             run the api and worker under --cpu-prof and print their hottest frames
 *   --no-build            use the existing dist/ build
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { RESULTS_DIR, ROOT, TS_NODE_ARGS } from './lib/paths';
import {
  type BenchResults,
  consoleTable,
  cpuCounters,
  evaluate,
  gitState,
  machine,
  markdown,
  type Outcome,
} from './lib/report';
import { build, log, Stack } from './lib/stack';
import { bulkExport } from './scenarios/bulk-export';
import { cachedRead } from './scenarios/cached-read';
import { pollingAtScale } from './scenarios/polling';
import {
  type FloorResult,
  frameworkFloor,
  type PortalProvider,
  portalSessionHop,
  type PortalSessionResult,
} from './scenarios/portal-session';
import { startup } from './scenarios/startup';

const SCENARIOS = ['portal', 'cached', 'export', 'polling', 'startup'] as const;
type Scenario = (typeof SCENARIOS)[number];

function parseArgs(argv: string[]) {
  const flag = (name: string) => argv.includes(`--${name}`);
  const list = (name: string) =>
    argv
      .find((arg) => arg.startsWith(`--${name}=`))
      ?.slice(name.length + 3)
      .split(',')
      .filter(Boolean);
  const only = list('only') as Scenario[] | undefined;
  for (const name of only ?? []) if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario ${name}`);
  return {
    quick: flag('quick'),
    profile: flag('profile'),
    build: !flag('no-build'),
    only,
    providers: (list('providers') ?? ['stripe', 'ampersand']) as PortalProvider[],
  };
}

const args = parseArgs(process.argv.slice(2));
const run = (scenario: Scenario) => !args.only || args.only.includes(scenario);
const settings = args.quick
  ? {
      portal: {
        rounds: 1,
        durationS: 3,
        connections: 50,
        warmupS: 1,
        rate: 200,
        rateDurationS: 4,
      },
      cached: { rounds: 1, durationS: 3, connections: 10, warmupS: 1, snapshotTimeoutMs: 30_000 },
      export: { invoices: 50, pdfBytes: 200 * 1024, timeoutMs: 120_000 },
      polling: { connections: 500, tenants: 10, timeoutMs: 120_000 },
      startupRuns: 1,
    }
  : {
      portal: {
        rounds: 3,
        durationS: 10,
        connections: 50,
        warmupS: 3,
        rate: 200,
        rateDurationS: 20,
      },
      cached: { rounds: 3, durationS: 10, connections: 10, warmupS: 3, snapshotTimeoutMs: 60_000 },
      export: { invoices: 500, pdfBytes: 200 * 1024, timeoutMs: 300_000 },
      polling: { connections: 5_000, tenants: 50, timeoutMs: 300_000 },
      startupRuns: 3,
    };

let stack: Stack | undefined;
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stack?.stop().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  }
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(130));
process.once('SIGTERM', () => void shutdown(143));
// Whatever goes wrong, the servers started so far are stopped (a crash would otherwise leave
// PostgreSQL and Redis running; a run that was killed outright is cleaned up by the next one).
const crashed = (error: unknown) => {
  log(`benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void shutdown(1);
};
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);

async function attempt<T>(name: string, body: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, reason };
  }
}

const skipped = <T>(): Outcome<T> => ({ ok: false, reason: 'not run (--only)' });

async function main(): Promise<void> {
  const started = Date.now();
  const loadAverageBefore = os.loadavg()[0]!;
  const cpuBefore = cpuCounters();
  if (args.build) {
    log('building api and worker (npx nest build)');
    await build('api');
    await build('worker');
  }
  log('starting PostgreSQL, Redis and the fake upstreams');
  process.env.BENCH_PDF_BYTES = String(settings.export.pdfBytes);
  process.env.BENCH_QOVERY_INVOICES = String(settings.export.invoices);
  stack = await Stack.start();
  const profileDir = join(stack.workDir, 'profile');
  if (args.profile) stack.nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const apiReadyMs = await stack.startApi();
  log(`api ready in ${apiReadyMs} ms at ${stack.apiUrl}`);

  const portalSession: Record<string, Outcome<PortalSessionResult>> = {};
  let floor: Outcome<FloorResult> = skipped();
  if (run('portal')) {
    // Skipped under --profile: its tens of thousands of trivial requests would swamp the profile.
    if (!args.profile)
      floor = await attempt('framework floor', () => frameworkFloor(stack!, settings.portal.connections, 5));
    for (const provider of args.providers)
      portalSession[provider] = await attempt(`portal session (${provider})`, () =>
        portalSessionHop(stack!, provider, settings.portal),
      );
  }
  if (run('cached') || run('export')) {
    await stack.startWorker();
    log('worker ready');
  }
  const cached = run('cached')
    ? await attempt('cached read', () => cachedRead(stack!, settings.cached))
    : skipped<never>();
  const exported = run('export')
    ? await attempt('bulk export', () =>
        bulkExport(stack!, settings.export.invoices, settings.export.timeoutMs),
      )
    : skipped<never>();
  const polling = run('polling')
    ? await attempt('polling', () => pollingAtScale(stack!, settings.polling))
    : skipped<never>();
  if (args.profile) {
    // Stopping writes the profiles; start-up is then timed without the profiler.
    await stack.stopApi();
    await stack.stopWorker();
    stack.nodeArgs = [];
  }
  const startupResult = run('startup')
    ? await attempt('start-up', () => startup(stack!, settings.startupRuns))
    : skipped<never>();

  const partial = {
    generatedAt: new Date().toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: machine(),
    conditions: {
      loadAverageBefore: Number(loadAverageBefore.toFixed(2)),
      stealPercent: Number(
        (
          ((cpuCounters().steal - cpuBefore.steal) / (cpuCounters().total - cpuBefore.total || 1)) *
          100
        ).toFixed(1),
      ),
    },
    git: gitState(),
    settings: { ...settings, providers: args.providers, logLevel: stack.env.LOG_LEVEL },
    frameworkFloor: floor,
    portalSession,
    cachedRead: cached,
    bulkExport: exported,
    polling,
    startup: startupResult,
  };
  const results: BenchResults = { ...partial, targets: evaluate(partial) };
  if (args.profile) {
    // Kept after the run (git-ignored) for a closer look: chrome://inspect or the summary tool.
    const keep = join(RESULTS_DIR, 'profiles.tmp');
    mkdirSync(keep, { recursive: true });
    for (const file of readdirSync(profileDir)) {
      copyFileSync(join(profileDir, file), join(keep, file));
      console.log(`\nCPU profile bench/results/profiles.tmp/${file}:`);
      console.log(
        execFileSync(
          process.execPath,
          [...TS_NODE_ARGS, 'bench/tools/cpu-profile-top.ts', join(keep, file), '25'],
          {
            cwd: ROOT,
            encoding: 'utf8',
          },
        ),
      );
    }
  }
  await stack.stop();
  stack = undefined;

  mkdirSync(RESULTS_DIR, { recursive: true });
  const full = !args.quick && !args.only;
  const base = full ? 'latest' : 'partial';
  const suffix = full ? '' : '.tmp';
  writeFileSync(join(RESULTS_DIR, `${base}.json${suffix}`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${base}.md${suffix}`), markdown(results));
  console.log(`\n${consoleTable(results.targets)}\n`);
  console.log(`Written: bench/results/${base}.json${suffix}, bench/results/${base}.md${suffix}`);
}

main().then(
  () => shutdown(0),
  (error: unknown) => {
    log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return shutdown(1);
  },
);
