import { createHash } from 'node:crypto';
import { TcpCut } from '../support/tcp-cut';
import { JobsStack, type QoveryTenant } from './support/jobs-stack';
import { stopAllWorkers } from './support/worker-process';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('worker crashes and graceful shutdown', () => {
  let stack: JobsStack;
  let tenant: QoveryTenant;

  beforeAll(async () => {
    stack = await JobsStack.start();
    tenant = await stack.qoveryTenant();
    stack.files.pdfSize = 256 * 1024;
  });
  afterAll(() => JobsStack.shutdown(stack));

  const startDownload = async (invoiceId: string): Promise<string> =>
    (await stack.test.http.post(`/v1/invoices/${invoiceId}/download`).set(tenant.auth).send({}).expect(202))
      .body.job.id;
  const downloadsOf = (invoiceId: string) =>
    stack.files.requests.filter((request) => request.method === 'GET' && request.path.includes(invoiceId))
      .length;

  it('serves only health probes over HTTP', async () => {
    const worker = await stack.startWorker();
    const base = `http://127.0.0.1:${worker.port}`;
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
    const other = await fetch(`${base}/v1/jobs`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    await worker.stop();
  });

  it('lets another worker finish a job whose worker was killed (SIGKILL) mid-download', async () => {
    const invoiceId = stack.fake.state.invoices[0]!.id;
    const doomed = await stack.startWorker();
    const hold = stack.files.holdNext(invoiceId);
    const id = await startDownload(invoiceId);
    await hold.started;
    await stack.waitForJob(tenant, id, (job) => job.status === 'running');

    doomed.signal('SIGKILL');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const rescuer = await stack.startWorker();
    const done = await stack.waitForJob(tenant, id);

    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(done.artifact!.sha256).toBe(sha256(stack.files.pdfFor(invoiceId)));
    expect(sha256(await stack.download(tenant, done))).toBe(done.artifact!.sha256);
    expect(rescuer.logs().some((line) => line.msg === 'Stalled job requeued')).toBe(true);
    expect(downloadsOf(invoiceId)).toBe(2);
    await rescuer.stop();
  });

  it('finishes the running job on SIGTERM, takes no new job, and exits', async () => {
    const [slowInvoice, laterInvoice] = stack.fake.state.invoices.slice(1).map((invoice) => invoice.id);
    const worker = await stack.startWorker();
    stack.files.slowNext(slowInvoice!, 2_000);
    const running = await startDownload(slowInvoice!);
    await stack.waitForJob(tenant, running, (job) => job.status === 'running');

    worker.signal('SIGTERM');
    await waitFor(() => worker.logs().some((line) => line.msg === 'Stopping: finishing running jobs'));
    const later = await startDownload(laterInvoice!);
    await worker.exited;

    expect(await stack.waitForJob(tenant, running, () => true)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
    expect(worker.logs().some((line) => line.msg === 'All running jobs finished')).toBe(true);
    expect(await stack.waitForJob(tenant, later, () => true)).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
    expect(downloadsOf(slowInvoice!)).toBe(1);

    await stack.startWorker();
    expect(await stack.waitForJob(tenant, later)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('exits after WORKER_SHUTDOWN_TIMEOUT_MS when a drain cannot finish (Redis lost mid-job)', async () => {
    await stopAllWorkers(); // the job must run on this worker, not on one left by an earlier test
    const [invoice] = stack.fake.state.invoices.slice(3).map((item) => item.id);
    const redis = new URL(stack.env.REDIS_URL ?? process.env.REDIS_URL!);
    const relay = await TcpCut.to(Number(redis.port));
    redis.port = String(relay.port);
    const worker = await stack.startWorker({ REDIS_URL: redis.href, WORKER_SHUTDOWN_TIMEOUT_MS: '1000' });
    stack.files.slowNext(invoice!, 1_500);
    const running = await startDownload(invoice!);
    await stack.waitForJob(tenant, running, (job) => job.status === 'running');
    // The running job can no longer be marked finished, so the graceful drain cannot end.
    await relay.cut();

    const signalled = Date.now();
    worker.signal('SIGTERM');
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5_000);
    const timedOut = (line: Record<string, unknown>) =>
      line.msg === 'Shutdown did not finish in time; exiting anyway';
    expect(worker.logs().some(timedOut)).toBe(true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
