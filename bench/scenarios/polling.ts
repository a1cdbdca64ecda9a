import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '@app/config';
import { CredentialCipher } from '@app/crypto';
import { ConnectionCredentials } from '@app/persistence';
import { POLL_JOB_NAME, POLL_QUEUE } from '../../libs/queue/src/polling/polling-types';
import { STRIPE_FAKE } from '../../test/fakes/stripe-fake';
import { cpuTimeMs } from '../lib/processes';
import { redisInfoNumber } from '../lib/services';
import type { Stack } from '../lib/stack';
import { log } from '../lib/stack';

export interface PollRound {
  polls: number;
  succeeded: number;
  wallTimeS: number;
  pollsPerSecond: number;
  workerCpuMs: number;
  cpuMsPerPoll: number;
  upstreamCalls: number;
}

export interface PollingResult {
  connections: number;
  tenants: number;
  provider: string;
  concurrency: string;
  schedules: number;
  scheduleSetupS: number;
  redisBytes: number;
  redisBytesPerSchedule: number;
  /** The first poll of each connection stores its baseline snapshots. */
  baselineRound: PollRound;
  /** A round in which nothing changed upstream: the steady state. */
  steadyRound: PollRound;
}

const INSERT_BATCH = 500;

/**
 * Inserts `count` Stripe connections spread over `tenants` tenants (made through the admin API)
 * straight into the database, sealed with the gateway's key exactly as the admin API seals them.
 * Bulk, because 5,000 admin calls would take longer than the rest of the benchmark; their poll
 * schedules then come from the worker's reconciler, the production path for connections whose
 * schedule hook did not run.
 */
async function insertConnections(stack: Stack, count: number, tenants: number): Promise<string[]> {
  const tenantIds: string[] = [];
  for (let i = 0; i < tenants; i++)
    tenantIds.push((await stack.admin.tenantWithKey(`bench-poll-${i}`)).tenantId);
  const sealer = new ConnectionCredentials(
    new CredentialCipher({
      CREDENTIALS_ENCRYPTION_KEYS: [stack.env.CREDENTIALS_ENCRYPTION_KEYS!],
    } as AppConfig),
  );
  const db = new Client({ connectionString: stack.services.databaseUrl });
  await db.connect();
  const ids: string[] = [];
  try {
    for (let start = 0; start < count; start += INSERT_BATCH) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(count, start + INSERT_BATCH); i++) {
        const id = randomUUID();
        ids.push(id);
        const sealed = sealer.seal(id, { apiKey: STRIPE_FAKE.apiKey });
        const p = values.length;
        rows.push(
          `($${p + 1}::uuid, $${p + 2}::uuid, 'stripe', 'Stripe', false, $${p + 3}::jsonb, $${p + 4}::jsonb, ` +
            `$${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9}, now())`,
        );
        values.push(
          id,
          tenantIds[i % tenants],
          JSON.stringify({ customerId: STRIPE_FAKE.customerId }),
          JSON.stringify({ portalConfigurationId: STRIPE_FAKE.configurationId }),
          Buffer.from(sealed.credentialsCiphertext),
          Buffer.from(sealed.credentialsIv),
          Buffer.from(sealed.credentialsTag),
          sealed.credentialsKeyVersion,
          sealed.credentialsHint,
        );
      }
      await db.query(
        `INSERT INTO provider_connections (id, tenant_id, provider, name, is_primary, account, settings,
           credentials_ciphertext, credentials_iv, credentials_tag, credentials_key_version, credentials_hint, updated_at)
         VALUES ${rows.join(', ')}`,
        values,
      );
    }
    return ids;
  } finally {
    await db.end();
  }
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Requests one poll of every connection at once and waits until the worker has run them all. */
async function round(
  stack: Stack,
  queue: Queue,
  db: Client,
  connections: Array<{ id: string; tenantId: string }>,
  timeoutMs: number,
): Promise<PollRound> {
  const worker = stack.worker!;
  const before = await stack.upstreamCounts();
  const cpuBefore = cpuTimeMs(worker.pid);
  const started = new Date();
  const startedNs = process.hrtime.bigint();
  await queue.addBulk(
    connections.map(({ id, tenantId }) => ({
      name: POLL_JOB_NAME,
      data: { tenantId, connectionId: id },
      opts: { attempts: 1, removeOnComplete: true, removeOnFail: true },
    })),
  );
  await until('the poll round', timeoutMs, async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    return Object.values(counts).every((count) => count === 0);
  });
  const wallTimeS = Number(process.hrtime.bigint() - startedNs) / 1e9;
  const workerCpuMs = cpuTimeMs(worker.pid) - cpuBefore;
  const after = await stack.upstreamCounts();
  const { rows } = await db.query<{ succeeded: string }>(
    `SELECT count(*) AS succeeded FROM connection_poll_states
     WHERE attempted_at >= $1 AND last_error IS NULL AND observed_at >= $1`,
    [started],
  );
  const polls = connections.length;
  return {
    polls,
    succeeded: Number(rows[0]!.succeeded),
    wallTimeS,
    pollsPerSecond: polls / wallTimeS,
    workerCpuMs,
    cpuMsPerPoll: workerCpuMs / polls,
    upstreamCalls: after.stripe! - before.stripe!,
  };
}

/**
 * 5,000 connections scheduled: Redis memory of their schedules (INFO memory used_memory before
 * and after the worker's reconciler created them), then full rounds of polls against the fake
 * Stripe: wall time and the worker's CPU time (/proc utime+stime) per poll.
 */
export async function pollingAtScale(
  stack: Stack,
  options: { connections: number; tenants: number; timeoutMs: number },
): Promise<PollingResult> {
  // Redis memory is measured with a worker running both times (its connections and BullMQ's
  // scripts are then in both figures): before the connections exist, and once the restarted
  // worker's reconciler has created their schedules.
  const queue = new Queue(POLL_QUEUE, {
    connection: { url: stack.services.redisUrl },
    prefix: stack.env.QUEUE_PREFIX,
  });
  const db = new Client({ connectionString: stack.services.databaseUrl });
  try {
    await queue.waitUntilReady();
    await db.connect();
    if (!stack.worker) {
      await stack.startWorker();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    const memoryBefore = await redisInfoNumber(stack.services.redisPort, 'memory', 'used_memory');
    await stack.stopWorker();
    const ids = await insertConnections(stack, options.connections, options.tenants);
    log(`polling: ${ids.length} connections inserted`);
    const schedulesBefore = await queue.getJobSchedulersCount();
    const setupStarted = Date.now();
    // A long default interval: no scheduled poll fires during the measured rounds.
    await stack.startWorker({ POLL_INTERVAL_MS: String(24 * 3_600_000) });
    await until('the poll schedules', options.timeoutMs, async () => {
      return (await queue.getJobSchedulersCount()) >= schedulesBefore + ids.length;
    });
    const scheduleSetupS = (Date.now() - setupStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const schedules = (await queue.getJobSchedulersCount()) - schedulesBefore;
    const redisBytes =
      (await redisInfoNumber(stack.services.redisPort, 'memory', 'used_memory')) - memoryBefore;
    log(
      `polling: ${schedules} schedules in ${scheduleSetupS.toFixed(1)} s, Redis +${(redisBytes / 1048576).toFixed(1)} MiB`,
    );
    const { rows } = await db.query<{ id: string; tenant_id: string }>(
      'SELECT id, tenant_id FROM provider_connections WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const connections = rows.map((row) => ({ id: row.id, tenantId: row.tenant_id }));
    const baselineRound = await round(stack, queue, db, connections, options.timeoutMs);
    log(
      `polling: baseline round ${baselineRound.wallTimeS.toFixed(1)} s, ` +
        `${baselineRound.cpuMsPerPoll.toFixed(2)} ms CPU/poll, ${baselineRound.succeeded} ok`,
    );
    const steadyRound = await round(stack, queue, db, connections, options.timeoutMs);
    log(
      `polling: steady round ${steadyRound.wallTimeS.toFixed(1)} s, ` +
        `${steadyRound.cpuMsPerPoll.toFixed(2)} ms CPU/poll, ${steadyRound.succeeded} ok`,
    );
    return {
      connections: ids.length,
      tenants: options.tenants,
      provider: 'stripe',
      concurrency: stack.env.POLL_CONCURRENCY ?? 'default (POLL_CONCURRENCY)',
      schedules,
      scheduleSetupS,
      redisBytes,
      redisBytesPerSchedule: redisBytes / schedules,
      baselineRound,
      steadyRound,
    };
  } finally {
    await queue.close();
    await db.end().catch(() => undefined);
  }
}
