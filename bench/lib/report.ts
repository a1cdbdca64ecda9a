import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BulkExportResult } from '../scenarios/bulk-export';
import type { CachedReadResult } from '../scenarios/cached-read';
import type { PollingResult } from '../scenarios/polling';
import type { FloorResult, PortalSessionResult } from '../scenarios/portal-session';
import type { StartupResult } from '../scenarios/startup';
import { ROOT } from './paths';
import { mib, round } from './stats';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface BenchResults {
  generatedAt: string;
  durationS: number;
  machine: { cpu: string; cores: number; ramGiB: number; node: string; os: string };
  /** How busy the machine was otherwise: load average before the run, CPU steal during it. */
  conditions: { loadAverageBefore: number; stealPercent: number };
  git: { commit: string; dirty: boolean };
  settings: Record<string, unknown>;
  frameworkFloor: Outcome<FloorResult>;
  portalSession: Record<string, Outcome<PortalSessionResult>>;
  cachedRead: Outcome<CachedReadResult>;
  bulkExport: Outcome<BulkExportResult>;
  polling: Outcome<PollingResult>;
  startup: Outcome<StartupResult>;
  targets: TargetRow[];
}

export interface TargetRow {
  target: string;
  goal: string;
  measured: string;
  verdict: 'PASS' | 'FAIL' | 'N/A';
}

export function machine(): BenchResults['machine'] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let osName = `${os.type()} ${os.release()}`;
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    osName = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1] ?? osName;
  } catch {
    // keep the kernel name
  }
  return {
    cpu: model,
    cores: os.cpus().length,
    ramGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: osName,
  };
}

/** CPU time counters of the whole machine (/proc/stat), to tell how much the hypervisor took. */
export function cpuCounters(): { total: number; steal: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}

export function gitState(): BenchResults['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

const ms = (value: number) => `${round(value, 2)} ms`;
const rps = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;
const verdict = (pass: boolean): TargetRow['verdict'] => (pass ? 'PASS' : 'FAIL');

export const TARGETS = {
  portalThroughputRatio: 0.5,
  addedP99Ms: 5,
  cachedRps: 3_000,
  cachedP99Ms: 20,
  exportRssGrowthBytes: 64 * 1024 * 1024,
  pollCpuMs: 2,
};

export function evaluate(results: Omit<BenchResults, 'targets'>): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const [provider, outcome] of Object.entries(results.portalSession)) {
    if (!outcome.ok) {
      rows.push({
        target: `Portal session (${provider}): throughput vs baseline`,
        goal: '≥ 50%',
        measured: outcome.reason,
        verdict: 'N/A',
      });
      rows.push({
        target: `Portal session (${provider}): added p99 at 200 req/s`,
        goal: '≤ 5 ms',
        measured: outcome.reason,
        verdict: 'N/A',
      });
      continue;
    }
    const { gateway, baseline } = outcome.value;
    const ratio = gateway.rps / baseline.rps;
    rows.push({
      target: `Portal session (${provider}): throughput vs baseline`,
      goal: `≥ ${TARGETS.portalThroughputRatio * 100}%`,
      measured: `${round(ratio * 100, 1)}% (${rps(gateway.rps)} vs ${rps(baseline.rps)})`,
      verdict: verdict(ratio >= TARGETS.portalThroughputRatio),
    });
    const rate = outcome.value.options.rate;
    const added = gateway.fixedRate.latency.p99 - baseline.fixedRate.latency.p99;
    rows.push({
      target: `Portal session (${provider}): added p99 at ${rate} req/s`,
      goal: `≤ ${TARGETS.addedP99Ms} ms`,
      measured: `${ms(added)} (${ms(gateway.fixedRate.latency.p99)} vs ${ms(baseline.fixedRate.latency.p99)})`,
      verdict: verdict(added <= TARGETS.addedP99Ms),
    });
  }
  const cached = results.cachedRead;
  if (!cached.ok || !cached.value.available) {
    const reason = !cached.ok ? cached.reason : cached.value.available ? '' : cached.value.reason;
    rows.push({
      target: 'Cached billing account at saturation',
      goal: '≥ 3,000 req/s, p99 ≤ 20 ms',
      measured: `not available: ${reason}`,
      verdict: 'N/A',
    });
  } else {
    const value = cached.value;
    rows.push({
      target: 'Cached billing account at saturation',
      goal: `≥ ${TARGETS.cachedRps.toLocaleString('en-US')} req/s, p99 ≤ ${TARGETS.cachedP99Ms} ms`,
      measured: `${rps(value.rps)}, p99 ${ms(value.p99)}`,
      verdict: verdict(value.rps >= TARGETS.cachedRps && value.p99 <= TARGETS.cachedP99Ms),
    });
  }
  const exported = results.bulkExport;
  rows.push(
    exported.ok
      ? {
          target: `Bulk export worker RSS growth (${mib(exported.value.bytesMoved)} MiB moved)`,
          goal: '≤ 64 MiB',
          measured: `${mib(exported.value.rss.growth)} MiB (peak ${mib(exported.value.rss.peak)} MiB)`,
          verdict: verdict(exported.value.rss.growth <= TARGETS.exportRssGrowthBytes),
        }
      : {
          target: 'Bulk export worker RSS growth',
          goal: '≤ 64 MiB',
          measured: exported.reason,
          verdict: 'N/A',
        },
  );
  const polling = results.polling;
  rows.push(
    polling.ok
      ? {
          target: 'Polling: worker CPU per connection poll (steady round)',
          goal: `≤ ${TARGETS.pollCpuMs} ms`,
          measured: `${ms(polling.value.steadyRound.cpuMsPerPoll)} (first round ${ms(polling.value.baselineRound.cpuMsPerPoll)})`,
          verdict: verdict(polling.value.steadyRound.cpuMsPerPoll <= TARGETS.pollCpuMs),
        }
      : {
          target: 'Polling: worker CPU per connection poll',
          goal: '≤ 2 ms',
          measured: `not available: ${polling.reason}`,
          verdict: 'N/A',
        },
  );
  return rows;
}

function table(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** The Markdown report (bench/results/latest.md; the README's Benchmarks section quotes it). */
export function markdown(results: BenchResults): string {
  const { machine: m } = results;
  const out: string[] = [];
  out.push(`# Benchmark results`);
  out.push('');
  out.push(
    `${results.generatedAt} · ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM · Node ${m.node} · ${m.os} · ` +
      `commit ${results.git.commit}${results.git.dirty ? ' (with uncommitted changes)' : ''} · ` +
      `run took ${Math.round(results.durationS)} s · load average before the run ` +
      `${results.conditions.loadAverageBefore}, CPU steal during it ${results.conditions.stealPercent}%`,
  );
  out.push('');
  out.push(
    'The machine is shared: other processes and the hypervisor take CPU at times, which moves every ' +
      'figure between runs. Comparisons within a run (gateway vs baseline, alternated or interleaved) hold ' +
      'up better than absolute numbers.',
  );
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(
    table(
      ['Target', 'Goal', 'Measured', 'Result'],
      results.targets.map((t) => [t.target, t.goal, t.measured, t.verdict]),
    ),
  );
  out.push('');
  for (const [provider, outcome] of Object.entries(results.portalSession)) {
    out.push(`## Portal session hop (${provider})`);
    out.push('');
    if (!outcome.ok) {
      out.push(`Not measured: ${outcome.reason}`);
      out.push('');
      continue;
    }
    const { gateway, baseline, options } = outcome.value;
    out.push(
      `POST /v1/portal-session through the gateway vs the baseline forwarder (bench/baseline-forwarder.ts), same fake ` +
        `upstream. Saturation: autocannon, ${options.connections} connections, ${options.rounds} alternating rounds of ` +
        `${options.durationS} s each, medians. Fixed rate: ${options.rate} req/s to each, open loop, for ` +
        `${options.rateDurationS} s, the two interleaved request by request.`,
    );
    out.push('');
    const row = (name: string, side: typeof gateway) => [
      name,
      rps(side.rps),
      `${Math.round(side.cpuUsPerRequest)} µs`,
      ms(side.p50),
      ms(side.p99),
      ms(side.p999),
      ms(side.fixedRate.latency.p50),
      ms(side.fixedRate.latency.p99),
    ];
    out.push(
      table(
        [
          '',
          'Throughput',
          'CPU/request',
          'p50',
          'p99',
          'p99.9',
          `p50 @ ${options.rate}/s`,
          `p99 @ ${options.rate}/s`,
        ],
        [
          row('Gateway', gateway),
          row('Baseline', baseline),
          [
            'Gateway − baseline',
            `${round((gateway.rps / baseline.rps) * 100, 1)}% of baseline`,
            `+${Math.round(gateway.cpuUsPerRequest - baseline.cpuUsPerRequest)} µs`,
            ms(gateway.p50 - baseline.p50),
            ms(gateway.p99 - baseline.p99),
            ms(gateway.p999 - baseline.p999),
            ms(gateway.fixedRate.latency.p50 - baseline.fixedRate.latency.p50),
            ms(gateway.fixedRate.latency.p99 - baseline.fixedRate.latency.p99),
          ],
        ],
      ),
    );
    out.push('');
    out.push(
      `Rounds (req/s): gateway ${gateway.rounds.map((r) => Math.round(r.rps)).join(', ')}; ` +
        `baseline ${baseline.rounds.map((r) => Math.round(r.rps)).join(', ')}. CPU/request is the serving ` +
        `process' CPU time (/proc utime + stime) over the saturation rounds divided by the requests served.`,
    );
    out.push('');
  }
  if (results.frameworkFloor.ok) {
    const floor = results.frameworkFloor.value;
    out.push(
      `For scale: the api's cheapest route (GET ${floor.path}: no authentication, body, access log or upstream ` +
        `call) costs ${Math.round(floor.cpuUsPerRequest)} µs of CPU per request (${rps(floor.rps)} at saturation).`,
    );
    out.push('');
  }
  out.push('## Cached billing account');
  out.push('');
  const cached = results.cachedRead;
  if (!cached.ok) out.push(`Not measured: ${cached.reason}`);
  else if (!cached.value.available) out.push(`Not available: ${cached.value.reason}`);
  else
    out.push(
      `GET /v1/billing-account?cached=true, autocannon with ${cached.value.connections} connections (enough to ` +
        `saturate the api), ${cached.value.rounds.length} rounds, medians.\n`,
      table(
        ['Throughput', 'p50', 'p99', 'p99.9', 'Rounds (req/s)'],
        [
          [
            rps(cached.value.rps),
            ms(cached.value.p50),
            ms(cached.value.p99),
            ms(cached.value.p999),
            cached.value.rounds.map((r) => Math.round(r.rps)).join(', '),
          ],
        ],
      ),
    );
  out.push('');
  out.push('## Bulk invoice export');
  out.push('');
  const exported = results.bulkExport;
  if (!exported.ok) out.push(`Not measured: ${exported.reason}`);
  else {
    const e = exported.value;
    out.push(
      table(
        ['PDFs', 'Moved', 'ZIP', 'Wall time', 'Throughput', 'Worker RSS before', 'Peak', 'Growth'],
        [
          [
            String(e.exported),
            `${mib(e.bytesMoved)} MiB`,
            `${mib(e.archiveBytes)} MiB`,
            `${round(e.wallTimeS, 1)} s`,
            `${round(e.throughputMiBs, 1)} MiB/s`,
            `${mib(e.rss.baseline)} MiB`,
            `${mib(e.rss.peak)} MiB`,
            `${mib(e.rss.growth)} MiB`,
          ],
        ],
      ),
    );
  }
  out.push('');
  out.push('## Polling at scale');
  out.push('');
  const polling = results.polling;
  if (!polling.ok) out.push(`Not available: ${polling.reason}`);
  else {
    const p = polling.value;
    out.push(
      `${p.connections.toLocaleString('en-US')} ${p.provider} connections over ${p.tenants} tenants; ` +
        `${p.schedules.toLocaleString('en-US')} schedules created by the worker's reconciler in ${round(p.scheduleSetupS, 1)} s, ` +
        `using ${mib(p.redisBytes)} MiB of Redis (${Math.round(p.redisBytesPerSchedule)} bytes per schedule).`,
    );
    out.push('');
    const roundRow = (name: string, r: PollingResult['steadyRound']) => [
      name,
      `${r.succeeded}/${r.polls}`,
      `${round(r.wallTimeS, 1)} s`,
      `${round(r.pollsPerSecond, 0)}/s`,
      ms(r.cpuMsPerPoll),
      String(r.upstreamCalls),
    ];
    out.push(
      table(
        ['Round', 'Polls ok', 'Wall time', 'Polls', 'Worker CPU per poll', 'Upstream calls'],
        [
          roundRow('First (stores baselines)', p.baselineRound),
          roundRow('Steady (no change)', p.steadyRound),
        ],
      ),
    );
  }
  out.push('');
  out.push('## Start-up');
  out.push('');
  const startup = results.startup;
  out.push(
    startup.ok
      ? `api from spawn to /health/ready 200: median ${Math.round(startup.value.medianMs)} ms (runs: ${startup.value.runsMs.join(', ')} ms).`
      : `Not measured: ${startup.reason}`,
  );
  out.push('');
  return out.join('\n');
}

/** The targets table for the terminal. */
export function consoleTable(rows: TargetRow[]): string {
  const header = ['Target', 'Goal', 'Measured', 'Result'];
  const cells = rows.map((row) => [row.target, row.goal, row.measured, row.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
