import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closedPort } from '../../support/network';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
const BUILD_LOCK = join(ROOT, 'dist/.worker-build.lock');
const SOURCES = ['apps/worker/src', 'libs'].map((dir) => join(ROOT, dir));
const READY_TIMEOUT_MS = 20_000;

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isFresh = () =>
  existsSync(MAIN) && statSync(MAIN).mtimeMs >= Math.max(...SOURCES.map(newestSourceMtime));

/**
 * The worker runs as a real child process from its compiled output (what production runs); it is
 * rebuilt only when a source under apps/worker or libs is newer than the build. A lock directory
 * keeps parallel jest workers from building at the same time.
 */
export function ensureWorkerBuilt(): void {
  if (isFresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(BUILD_LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (isFresh()) return;
    const build = spawnSync('npx', ['nest', 'build', 'worker'], { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(MAIN) || build.status !== 0) {
      throw new Error(`npx nest build worker failed:\n${build.stdout}\n${build.stderr}`);
    }
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

const running = new Set<WorkerProcess>();

/** A worker child process: its logs, readiness, signals and exit. */
export class WorkerProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => running.delete(this));
  }

  /** Starts a worker with the test process' environment plus `env`, and waits until it is ready. */
  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    ensureWorkerBuilt();
    const port = await closedPort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env, WORKER_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, port);
    running.add(worker);
    await worker.waitUntilReady();
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Structured log lines (pino JSON) the worker wrote so far. */
  logs(): Array<Record<string, unknown>> {
    return this.output
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Graceful stop; SIGKILL if it does not exit in time. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/health/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.child.kill('SIGKILL');
    throw new Error(`The worker did not become ready:\n${this.output.join('')}`);
  }
}

/** For afterAll: every worker still running is stopped, whatever the tests did. */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.stop(5_000)));
}
