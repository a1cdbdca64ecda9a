import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT, TS_NODE_ARGS } from './paths';

const OUTPUT_KEEP_CHARS = 64 * 1024;
const READY_PREFIX = 'BENCH_READY ';
const running = new Set<Child>();

/** A child process of the bench: bounded output capture, readiness, graceful stop. */
export class Child {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readyLine?: (payload: unknown) => void;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.output = (this.output + text).slice(-OUTPUT_KEEP_CHARS);
      if (this.readyLine && text.includes(READY_PREFIX)) {
        const line = this.output.split('\n').find((l) => l.startsWith(READY_PREFIX));
        if (line) this.readyLine(JSON.parse(line.slice(READY_PREFIX.length)));
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => running.delete(this));
  }

  /** Starts `node [nodeArgs] script` with env added to the bench's environment. */
  static start(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
    const child = spawn(process.execPath, [...nodeArgs, script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const wrapped = new Child(name, child);
    running.add(wrapped);
    return wrapped;
  }

  /** A TypeScript helper of bench/ (ts-node, transpile only); resolves with its BENCH_READY payload. */
  static async startTs<T>(
    name: string,
    script: string,
    env: Record<string, string> = {},
  ): Promise<[Child, T]> {
    const child = Child.start(name, script, env, TS_NODE_ARGS);
    const payload = await child.waitForReadyLine<T>(30_000);
    return [child, payload];
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logTail(chars = 4_000): string {
    return this.output.slice(-chars);
  }

  private waitForReadyLine<T>(timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${this.name} did not report ready in ${timeoutMs} ms:\n${this.logTail()}`));
      }, timeoutMs);
      this.readyLine = (payload) => {
        clearTimeout(timer);
        this.readyLine = undefined;
        resolve(payload as T);
      };
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code ?? signal}) before it was ready:\n${this.logTail()}`));
      });
    });
  }

  /** Polls url until it answers 200; returns the elapsed milliseconds since `since`. */
  async waitForHttp(url: string, timeoutMs = 60_000, since = Date.now()): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited during start-up:\n${this.logTail()}`);
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status === 200) return Date.now() - since;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${this.name} was not ready at ${url} within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** SIGTERM, then SIGKILL after timeoutMs. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Stops every child still running (for finally blocks and signal handlers). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop(5_000)));
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU time of a process in milliseconds (/proc/<pid>/stat utime + stime). */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Samples a process' RSS every intervalMs until stopped; returns first, peak and last samples. */
export function sampleRss(pid: number, intervalMs = 50) {
  const samples: number[] = [];
  const take = () => {
    try {
      samples.push(rssBytes(pid));
    } catch {
      // the process is gone; keep what we have
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop(): { baseline: number; peak: number; last: number; samples: number; timeline: number[] } {
      clearInterval(timer);
      take();
      // The largest sample of each tenth of the run: shows whether memory levels off or keeps growing.
      const timeline = Array.from({ length: 10 }, (_, i) =>
        Math.max(
          ...samples.slice(
            Math.floor((i * samples.length) / 10),
            Math.floor(((i + 1) * samples.length) / 10) || 1,
          ),
        ),
      );
      return {
        baseline: samples[0] ?? 0,
        peak: Math.max(...samples),
        last: samples[samples.length - 1] ?? 0,
        samples: samples.length,
        timeline,
      };
    },
  };
}

/** Announces readiness to the bench (used by the helper processes under bench/). */
export function reportReady(payload: unknown): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(payload)}\n`);
}

/** Helper processes exit by themselves when the bench that started them is gone. */
export function exitWithParent(cleanup: () => Promise<void> | void): void {
  const parent = process.ppid;
  const stop = async () => {
    await cleanup();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1_000).unref();
}
