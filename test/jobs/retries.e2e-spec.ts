import { expectProblem } from '../support/problem';
import { JobsStack, type QoveryTenant } from './support/jobs-stack';
import type { WorkerProcess } from './support/worker-process';

describe('job retries and permanent failures', () => {
  let stack: JobsStack;
  let worker: WorkerProcess;
  let tenant: QoveryTenant;

  beforeAll(async () => {
    stack = await JobsStack.start();
    worker = await stack.startWorker();
    tenant = await stack.qoveryTenant();
  });
  afterAll(() => JobsStack.shutdown(stack));

  const startDownload = async (who: QoveryTenant, invoiceId: string): Promise<string> =>
    (await stack.test.http.post(`/v1/invoices/${invoiceId}/download`).set(who.auth).send({}).expect(202)).body
      .job.id;

  it('retries with backoff after 503s from the PDF URL, then succeeds', async () => {
    const invoiceId = stack.fake.state.invoices[1]!.id;
    stack.files.failNext(invoiceId, 503, 503);
    const id = await startDownload(tenant, invoiceId);
    const done = await stack.waitForJob(tenant, id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 3, error: null, progress: 100 });
    expect(done.artifact!.size).toBe(stack.files.pdfFor(invoiceId).length);
    const retries = worker.logs().filter((line) => line.jobId === id && line.outcome === 'retrying');
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({
      problemType: 'https://billing-gateway.dev/problems/provider-unavailable',
    });
  });

  it('fails after the last attempt when the failure persists, keeping the problem', async () => {
    const invoiceId = stack.fake.state.invoices[2]!.id;
    stack.files.failNext(invoiceId, 503, 502, 504);
    const done = await stack.waitForJob(tenant, await startDownload(tenant, invoiceId));
    expect(done).toMatchObject({
      status: 'failed',
      attempts: 3,
      artifact: null,
      error: {
        type: 'https://billing-gateway.dev/problems/provider-timeout',
        upstreamStatus: 504,
        retryable: true,
      },
    });
  });

  it('fails at once, with the problem recorded, when the provider rejects the credentials', async () => {
    const rejected = await stack.qoveryTenant('qov_wrong_token');
    const id = await startDownload(rejected, stack.fake.state.invoices[0]!.id);
    const done = await stack.waitForJob(rejected, id);
    expect(done).toMatchObject({
      status: 'failed',
      attempts: 1,
      result: null,
      artifact: null,
      error: {
        type: 'https://billing-gateway.dev/problems/provider-authentication-failed',
        status: 502,
        provider: 'qovery',
        upstreamStatus: 401,
        retryable: false,
      },
    });
    expect(JSON.stringify(done.error)).not.toContain('qov_wrong_token');
    expect(worker.logs().find((line) => line.jobId === id && line.outcome === 'failed')).toMatchObject({
      retryable: false,
      durationMs: expect.any(Number),
    });
    expectProblem(await stack.test.http.get(`/v1/jobs/${id}/artifact`).set(rejected.auth), 404, 'not-found');
  });

  it('fails at once when the invoice does not exist upstream', async () => {
    const done = await stack.waitForJob(
      tenant,
      await startDownload(tenant, '0b4d3f9e-1c2a-4e5b-8f7a-6d5c4b3a2f1e'),
    );
    expect(done).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { type: 'https://billing-gateway.dev/problems/provider-resource-not-found', retryable: false },
    });
  });
});
