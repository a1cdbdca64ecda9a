import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
export const RESULTS_DIR = join(ROOT, 'bench/results');
/** Runs a TypeScript entry point of bench/ in a child process (transpile only, `@app/*` paths). */
export const TS_NODE_ARGS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
/** Preloaded into the api and worker: they stop when the benchmark that started them is gone. */
export const ORPHAN_GUARD = join(ROOT, 'bench/lib/orphan-guard.cjs');
