import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { ROOT } from './paths';

const run = promisify(execFile);

/** Runs a function of scripts/lib/services.sh (the same helpers `npm test` uses) with arguments. */
async function services(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run(
    'bash',
    ['-c', `set -euo pipefail; source scripts/lib/services.sh; ${script}`, 'bench', ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout.trim();
}

export const freePort = async (): Promise<number> => Number(await services('free_port', []));

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  redisPort: number;
  stop(): Promise<void>;
}

/**
 * Throwaway PostgreSQL (fsync off) and Redis on random loopback ports, data under `dir`. Whatever
 * was started is stopped by `stop()`, also when the start itself failed half-way.
 */
export async function startServices(dir: string): Promise<Services> {
  const pgDir = join(dir, 'pg');
  const redisDir = join(dir, 'redis');
  let pgStarted = false;
  let redisStarted = false;
  const stop = async () => {
    if (pgStarted) await services('pg_stop "$1"', [pgDir]).catch(() => undefined);
    if (redisStarted) await services('redis_stop "$1"', [redisDir]).catch(() => undefined);
    pgStarted = redisStarted = false;
  };
  try {
    const pgPort = await freePort();
    pgStarted = true;
    await services(
      'pg_start "$1" "$2" gateway && pg_create_db "$1" "$2" gateway gateway_bench',
      [pgDir, String(pgPort)],
      { PG_FSYNC: 'off' },
    );
    const redisPort = await freePort();
    redisStarted = true;
    await services('redis_start "$1" "$2"', [redisDir, String(redisPort)]);
    return {
      databaseUrl: `postgresql://gateway@127.0.0.1:${pgPort}/gateway_bench`,
      redisUrl: `redis://127.0.0.1:${redisPort}`,
      redisPort,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `prisma migrate deploy` against the throwaway database. */
export async function migrate(databaseUrl: string): Promise<void> {
  await run('npx', ['--no-install', 'prisma', 'migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** One `redis-cli` command against the bench Redis, e.g. `INFO memory`. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout;
}

/** A field of `INFO <section>` as a number (e.g. used_memory). */
export async function redisInfoNumber(port: number, section: string, field: string): Promise<number> {
  const info = await redisCli(port, 'INFO', section);
  const match = new RegExp(`^${field}:(\\d+)`, 'm').exec(info);
  if (!match) throw new Error(`redis INFO ${section} has no ${field}`);
  return Number(match[1]);
}

/** Stops the PostgreSQL and Redis of a work directory made by startServices (used for cleanup). */
export async function stopServicesIn(dir: string): Promise<void> {
  await services('pg_stop "$1"', [join(dir, 'pg')]).catch(() => undefined);
  await services('redis_stop "$1"', [join(dir, 'redis')]).catch(() => undefined);
}
