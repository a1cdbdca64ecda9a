import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { UpstreamUrls } from '../upstreams';
import { AdminClient } from './admin';
import { API_MAIN, ORPHAN_GUARD, ROOT, WORKER_MAIN } from './paths';
import { Child, stopAllChildren } from './processes';
import { freePort, migrate, type Services, startServices, stopServicesIn } from './services';

const run = promisify(execFile);

export const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

/** `npx nest build <app>`: the production build that `npm start` runs. */
export async function build(app: 'api' | 'worker'): Promise<void> {
  await run('npx', ['--no-install', 'nest', 'build', app], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}

const WORK_DIR_PREFIX = 'gateway-bench-';
const OWNER_FILE = 'owner.pid';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A benchmark killed outright (SIGKILL, a closed terminal) cannot stop the PostgreSQL and Redis it
 * started: the next run stops those of any work directory whose owning benchmark is gone.
 */
async function cleanUpAbandonedRuns(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(WORK_DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours to judge (no owner recorded)
    }
    if (Number.isInteger(owner) && isAlive(owner)) continue;
    log(`stopping the servers of an abandoned benchmark run (${dir})`);
    await stopServicesIn(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything the scenarios run against; `stop()` stops all of it, whatever state it is in. */
export class Stack {
  api?: Child;
  apiUrl = '';
  worker?: Child;
  readonly admin: AdminClient;
  readonly env: Record<string, string>;

  private constructor(
    readonly workDir: string,
    readonly services: Services,
    readonly upstreams: UpstreamUrls,
    readonly adminKey: string,
  ) {
    this.admin = new AdminClient('', adminKey);
    this.env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      ADMIN_API_KEYS: adminKey,
      CREDENTIALS_ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
      APP_SIGNING_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      STRIPE_API_BASE_URL: upstreams.stripe,
      AMPERSAND_API_BASE_URL: upstreams.ampersand,
      QOVERY_API_BASE_URL: upstreams.qovery,
      QUEUE_PREFIX: 'bench',
      ARTIFACT_DIR: join(workDir, 'artifacts'),
      QUEUE_METRICS_INTERVAL_MS: '0',
    };
  }

  /** Work directory, PostgreSQL, Redis, migrations and the fake upstreams (api and worker: see below). */
  static async start(): Promise<Stack> {
    await cleanUpAbandonedRuns();
    const workDir = mkdtempSync(join(tmpdir(), WORK_DIR_PREFIX));
    chmodSync(workDir, 0o755); // the postgres user must reach its data directory inside
    mkdirSync(join(workDir, 'artifacts'));
    writeFileSync(join(workDir, OWNER_FILE), String(process.pid));
    let services: Services | undefined;
    try {
      services = await startServices(workDir);
      await migrate(services.databaseUrl);
      const [, upstreams] = await Child.startTs<UpstreamUrls>('upstreams', 'bench/upstreams.ts');
      return new Stack(workDir, services, upstreams, `adm_bench_${randomBytes(24).toString('hex')}`);
    } catch (error) {
      await stopAllChildren();
      await services?.stop();
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Starts the built api; resolves with the milliseconds from spawn to /health/ready 200. */
  async startApi(extraEnv: Record<string, string> = {}, nodeArgs: string[] = this.nodeArgs): Promise<number> {
    const port = await freePort();
    const started = Date.now();
    const api = Child.start('api', API_MAIN, { ...this.env, PORT: String(port), ...extraEnv }, [
      '-r',
      ORPHAN_GUARD,
      ...nodeArgs,
    ]);
    this.api = api;
    this.apiUrl = `http://127.0.0.1:${port}`;
    this.admin.baseUrl = this.apiUrl;
    return api.waitForHttp(`${this.apiUrl}/health/ready`, 60_000, started);
  }

  async stopApi(): Promise<void> {
    await this.api?.stop();
    this.api = undefined;
  }

  /** Extra node options for the api and worker processes (e.g. --cpu-prof). */
  nodeArgs: string[] = [];

  async startWorker(extraEnv: Record<string, string> = {}): Promise<Child> {
    const port = await freePort();
    const worker = Child.start(
      'worker',
      WORKER_MAIN,
      { ...this.env, WORKER_PORT: String(port), ...extraEnv },
      ['-r', ORPHAN_GUARD, ...this.nodeArgs],
    );
    this.worker = worker;
    await worker.waitForHttp(`http://127.0.0.1:${port}/health/ready`, 60_000);
    return worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop();
    this.worker = undefined;
  }

  async upstreamCounts(): Promise<Record<string, number>> {
    const response = await fetch(`${this.upstreams.control}/counts`);
    return (await response.json()) as Record<string, number>;
  }

  async stop(): Promise<void> {
    await stopAllChildren();
    await this.services.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
