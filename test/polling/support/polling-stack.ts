import { randomBytes } from 'node:crypto';
import { JobQueues, type PollJobData } from '@app/queue';
import type { PollOutcome } from '../../../apps/worker/src/polling/connection-poller';
import { CONNECTION_BODIES, type Provider } from '../../billing/support/billing-world';
import { createPrefectFake } from '../../fakes/prefect-fake';
import { createQoveryFake } from '../../fakes/qovery-fake';
import { createStripeFake } from '../../fakes/stripe-fake';
import { adminAuth, bearer, createTestApp, type TestApp } from '../../support/app';
import { createScratchDatabase, type ScratchDatabase } from '../../support/database';
import { createConnection, createTenantWithKey } from '../../support/fixtures';
import { stopAllWorkers, WorkerProcess } from '../../jobs/support/worker-process';

jest.setTimeout(60_000);

export interface PollingTenant {
  tenantId: string;
  auth: { Authorization: string };
  connections: Partial<Record<Provider, string>>;
}

export interface FeedEvent {
  id: string;
  cursor: string;
  type: string;
  occurredAt: string;
  connectionId: string;
  provider: string;
  resourceType: string;
  resourceId: string;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  data: Record<string, unknown>;
}

export interface FeedPage {
  data: FeedEvent[];
  nextCursor: string;
  hasMore: boolean;
}

/**
 * Polling's world, all real but the providers: the api in this process, worker child processes,
 * PostgreSQL, Redis (queues under a prefix of this file's own) and the Stripe, Qovery and Prefect
 * fakes, whose state tests change between polls. Workers poll every connection of their database,
 * so each stack has a database of its own: no other test's connections get polled. Scheduled
 * polls are a day apart, so only the polls a test asks for (or that a connection's creation
 * queues) run, unless a test says otherwise.
 */
export class PollingStack {
  private constructor(
    readonly test: TestApp,
    readonly stripe: ReturnType<typeof createStripeFake>,
    readonly qovery: ReturnType<typeof createQoveryFake>,
    readonly prefect: ReturnType<typeof createPrefectFake>,
    readonly env: Record<string, string>,
    private readonly database: ScratchDatabase,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<PollingStack> {
    const stripe = createStripeFake({ invoiceCount: 12 });
    const qovery = createQoveryFake({ invoices: 6 });
    const prefect = createPrefectFake();
    const [stripeUrl, qoveryUrl, prefectUrl] = await Promise.all([
      stripe.server.start(),
      qovery.start(),
      prefect.start(),
    ]);
    const env = {
      STRIPE_API_BASE_URL: stripeUrl,
      QOVERY_API_BASE_URL: qoveryUrl,
      PREFECT_API_BASE_URL: prefectUrl,
      QUEUE_PREFIX: `poll-${randomBytes(4).toString('hex')}`,
      POLL_INTERVAL_MS: String(86_400_000),
      POLL_BACKOFF_MS: '1000',
      POLL_RECONCILE_INTERVAL_MS: '0',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      QUEUE_METRICS_INTERVAL_MS: '0',
      UPSTREAM_MAX_RETRIES: '0',
      ...overrides,
    };
    const database = await createScratchDatabase('polling');
    const test = await createTestApp({ ...env, DATABASE_URL: database.url });
    return new PollingStack(test, stripe, qovery, prefect, { ...env, DATABASE_URL: database.url }, database);
  }

  startWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    return WorkerProcess.start({ ...this.env, ...extra });
  }

  get queue() {
    return this.test.app.get(JobQueues).poll();
  }

  /** A tenant with one connection per provider named, created through the admin API. */
  async tenant(providers: Provider[] = ['stripe', 'qovery']): Promise<PollingTenant> {
    const { tenantId, apiKey } = await createTenantWithKey(this.test);
    const connections: PollingTenant['connections'] = {};
    for (const provider of providers) {
      connections[provider] = await createConnection(this.test, tenantId, CONNECTION_BODIES[provider]);
    }
    return { tenantId, auth: bearer(apiKey), connections };
  }

  /** Requests a poll through the admin API and waits for its outcome. */
  async poll(tenant: PollingTenant, provider: Provider): Promise<PollOutcome> {
    return this.outcome(await this.requestPoll(tenant, provider));
  }

  async requestPoll(tenant: PollingTenant, provider: Provider): Promise<string> {
    const response = await this.test.http
      .post(`/admin/tenants/${tenant.tenantId}/connections/${tenant.connections[provider]}/poll`)
      .set(adminAuth)
      .expect(202);
    return response.body.jobId as string;
  }

  /** The return value of a poll job once it finished. */
  async outcome(jobId: string, timeoutMs = 20_000): Promise<PollOutcome> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const job = await this.queue.getJob(jobId);
      const state = await job?.getState();
      if (state === 'completed') return job!.returnvalue as PollOutcome;
      if (state === 'failed') throw new Error(`Poll ${jobId} failed: ${job!.failedReason}`);
      await sleep(50);
    }
    throw new Error(`Poll ${jobId} did not finish in time`);
  }

  /** Until no poll is queued or running (e.g. the ones connection creation queued). */
  async idle(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).every((count) => count === 0)) return;
      if (Date.now() > deadline) throw new Error(`Polls still pending: ${JSON.stringify(counts)}`);
      await sleep(50);
    }
  }

  async events(tenant: PollingTenant, query: { after?: string; limit?: number } = {}): Promise<FeedPage> {
    return (await this.test.http.get('/v1/events').query(query).set(tenant.auth).expect(200))
      .body as FeedPage;
  }

  /** Reads the feed to its end, as a consumer would; returns the events and the cursor to keep. */
  async drain(
    tenant: PollingTenant,
    after?: string,
    limit = 100,
  ): Promise<{ events: FeedEvent[]; cursor: string }> {
    const events: FeedEvent[] = [];
    let page = await this.events(tenant, { after, limit });
    events.push(...page.data);
    while (page.hasMore) {
      page = await this.events(tenant, { after: page.nextCursor, limit });
      events.push(...page.data);
    }
    return { events, cursor: page.nextCursor };
  }

  /** The scheduler data BullMQ holds for a connection's polls. */
  scheduler(connectionId: string) {
    return this.queue.getJobScheduler(`poll-${connectionId}`) as Promise<
      { every?: number; offset?: number; next?: number; template?: { data?: PollJobData } } | undefined
    >;
  }

  static async shutdown(stack: PollingStack | undefined): Promise<void> {
    await stopAllWorkers();
    if (!stack) return;
    const queues = stack.test.app.get(JobQueues).all();
    await Promise.all(queues.map((queue) => queue.obliterate({ force: true }).catch(() => undefined)));
    await stack.test.close();
    await Promise.all([stack.stripe.server.stop(), stack.qovery.stop(), stack.prefect.server.stop()]);
    await stack.database.drop();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}
