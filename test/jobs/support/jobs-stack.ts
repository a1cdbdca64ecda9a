import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { JobQueues } from '@app/queue';
import {
  createQoveryFake,
  QOVERY_FAKE_ORGANIZATION_ID,
  QOVERY_FAKE_TOKEN,
  type QoveryFake,
} from '../../fakes/qovery-fake';
import { bearer, createTestApp, type TestApp } from '../../support/app';
import { createConnection, createTenantWithKey } from '../../support/fixtures';
import { FileFront } from './file-front';
import { stopAllWorkers, WorkerProcess } from './worker-process';

export interface JobBody {
  id: string;
  type: string;
  status: string;
  progress: number;
  attempts: number;
  connectionId: string | null;
  result: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  artifact: { url: string; filename: string; contentType: string; size: number; sha256: string } | null;
}

export interface QoveryTenant {
  tenantId: string;
  apiKey: string;
  connectionId: string;
  auth: { Authorization: string };
}

/** Worker builds, process starts and crash recovery take seconds, not jest's default 5. */
jest.setTimeout(60_000);

/**
 * Everything the job tests need, all real except the provider: the api (in this process), worker
 * child processes, PostgreSQL, Redis (queues under a prefix of their own, so test files and runs
 * never see each other's jobs), an artifact directory, and the Qovery fake behind a FileFront.
 * Short lock and stalled intervals make crash recovery observable within seconds.
 */
export class JobsStack {
  readonly env: Record<string, string>;

  private constructor(
    readonly test: TestApp,
    readonly fake: QoveryFake,
    readonly files: FileFront,
    readonly artifactDir: string,
    env: Record<string, string>,
  ) {
    this.env = env;
  }

  static async start(overrides: Record<string, string> = {}): Promise<JobsStack> {
    const fake = createQoveryFake({ invoices: 4 });
    const apiUrl = await fake.start();
    const files = await FileFront.start(fake);
    const artifactDir = mkdtempSync(join(tmpdir(), 'bgw-artifacts-'));
    const env = {
      QOVERY_API_BASE_URL: apiUrl,
      ARTIFACT_DIR: artifactDir,
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '100',
      QUEUE_METRICS_INTERVAL_MS: '0',
      UPSTREAM_MAX_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '5000',
      DOWNLOAD_TIMEOUT_MS: '20000',
      ...overrides,
    };
    const test = await createTestApp(env);
    return new JobsStack(test, fake, files, artifactDir, env);
  }

  startWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    return WorkerProcess.start({ ...this.env, ...extra });
  }

  /** A tenant whose primary connection is the Qovery fake's organization. */
  async qoveryTenant(apiKey = QOVERY_FAKE_TOKEN): Promise<QoveryTenant> {
    const tenant = await createTenantWithKey(this.test);
    const connectionId = await createConnection(this.test, tenant.tenantId, {
      provider: 'qovery',
      credentials: { apiKey },
      account: { organizationId: QOVERY_FAKE_ORGANIZATION_ID },
      isPrimary: true,
    });
    return { tenantId: tenant.tenantId, apiKey: tenant.apiKey, connectionId, auth: bearer(tenant.apiKey) };
  }

  /** Polls the job until `until` holds (default: finished), failing after timeoutMs. */
  async waitForJob(
    tenant: QoveryTenant,
    id: string,
    until: (job: JobBody) => boolean = (job) => job.status === 'succeeded' || job.status === 'failed',
    timeoutMs = 20_000,
  ): Promise<JobBody> {
    const deadline = Date.now() + timeoutMs;
    let job: JobBody | undefined;
    while (Date.now() < deadline) {
      job = (await this.test.http.get(`/v1/jobs/${id}`).set(tenant.auth).expect(200)).body as JobBody;
      if (until(job)) return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Job ${id} did not reach the expected state in time; last seen: ${JSON.stringify(job)}`);
  }

  /** GET with the body kept as raw bytes (artifacts), whatever the status. */
  getBinary(tenant: QoveryTenant, url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.test.http
      .get(url)
      .set({ ...tenant.auth, ...headers })
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  }

  /** The artifact's bytes, as a client downloads them. */
  async download(tenant: QoveryTenant, job: JobBody): Promise<Buffer> {
    const response = await this.getBinary(tenant, job.artifact!.url);
    expect(response.status).toBe(200);
    return response.body as Buffer;
  }

  /** For afterAll, also when beforeAll failed half-way: stops every worker, then the stack if any. */
  static async shutdown(stack: JobsStack | undefined): Promise<void> {
    await stopAllWorkers();
    await stack?.close();
  }

  async close(): Promise<void> {
    await stopAllWorkers();
    await Promise.all(
      this.test.app
        .get(JobQueues)
        .all()
        .map((queue) => queue.obliterate({ force: true }).catch(() => undefined)),
    );
    await this.test.close();
    await this.files.stop();
    await this.fake.stop();
    rmSync(this.artifactDir, { recursive: true, force: true });
  }
}
