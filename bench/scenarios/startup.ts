import type { Stack } from '../lib/stack';
import { log } from '../lib/stack';
import { median } from '../lib/stats';

export interface StartupResult {
  runsMs: number[];
  medianMs: number;
}

/** Spawns the built api `runs` times and times it from spawn to /health/ready 200. */
export async function startup(stack: Stack, runs: number): Promise<StartupResult> {
  await stack.stopApi();
  const runsMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    runsMs.push(await stack.startApi());
    await stack.stopApi();
  }
  const result = { runsMs, medianMs: median(runsMs) };
  log(`start-up: ${runsMs.join(', ')} ms (median ${result.medianMs} ms)`);
  return result;
}
