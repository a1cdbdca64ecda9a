import { createHash } from 'node:crypto';
import { createConnection } from '../support/fixtures';
import { JobsStack, type QoveryTenant } from './support/jobs-stack';
import { WorkerProcess } from './support/worker-process';
import { readZip } from './support/zip-reader';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('invoice downloads (api + worker processes, Qovery fake)', () => {
  let stack: JobsStack;
  let worker: WorkerProcess;
  let tenant: QoveryTenant;

  beforeAll(async () => {
    stack = await JobsStack.start({ EXPORT_CONCURRENCY: '2' });
    worker = await stack.startWorker();
    tenant = await stack.qoveryTenant();
  });
  afterAll(() => JobsStack.shutdown(stack));

  it('downloads one invoice PDF into a verified artifact', async () => {
    const invoice = stack.fake.state.invoices[0]!;
    stack.files.pdfSize = 3 * 1024 * 1024 + 17; // several chunks: streamed, not one buffer
    const accepted = await stack.test.http
      .post(`/v1/invoices/${invoice.id}/download`)
      .set(tenant.auth)
      .send({})
      .expect(202);
    const { job } = accepted.body;
    expect(accepted.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({
      type: 'invoice_download',
      status: 'queued',
      connectionId: tenant.connectionId,
    });

    const done = await stack.waitForJob(tenant, job.id);
    const served = stack.files.pdfFor(invoice.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      attempts: 1,
      error: null,
      result: { invoiceId: invoice.id, provider: 'qovery', connectionId: tenant.connectionId },
      artifact: {
        url: `/v1/jobs/${job.id}/artifact`,
        filename: `invoice-${invoice.id}.pdf`,
        contentType: 'application/pdf',
        size: served.length,
        sha256: sha256(served),
      },
    });

    const response = await stack.getBinary(tenant, done.artifact!.url);
    expect(response.status).toBe(200);
    expect(sha256(response.body as Buffer)).toBe(sha256(served));
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(served.length),
      etag: `"${sha256(served)}"`,
      'accept-ranges': 'bytes',
      // A token needs no quotes (RFC 6266); content-disposition quotes only names that need it.
      'content-disposition': `attachment; filename=invoice-${invoice.id}.pdf`,
    });
    const completion = worker.logs().find((line) => line.jobId === job.id && line.outcome === 'succeeded');
    expect(completion).toMatchObject({ type: 'invoice_download', durationMs: expect.any(Number) });
  });

  it('exports several invoices into one ZIP whose entries are the served PDFs', async () => {
    stack.files.pdfSize = 64 * 1024;
    const invoices = stack.fake.state.invoices.map((invoice) => invoice.id);
    const accepted = await stack.test.http
      .post('/v1/invoice-downloads')
      .set(tenant.auth)
      .send({ invoiceIds: invoices })
      .expect(202);
    const done = await stack.waitForJob(tenant, accepted.body.job.id);
    expect(done).toMatchObject({ type: 'invoice_export', status: 'succeeded', progress: 100 });
    expect(done.result).toEqual({
      invoiceCount: invoices.length,
      failed: [],
      exported: invoices.map((id) => ({
        invoiceId: id,
        filename: `invoice-${id}.pdf`,
        size: stack.files.pdfSize,
        sha256: sha256(stack.files.pdfFor(id)),
      })),
    });
    const archive = await stack.download(tenant, done);
    expect(sha256(archive)).toBe(done.artifact!.sha256);
    expect(done.artifact).toMatchObject({ contentType: 'application/zip', size: archive.length });
    const entries = readZip(archive);
    expect(entries.map((entry) => entry.name).sort()).toEqual(
      invoices.map((id) => `invoice-${id}.pdf`).sort(),
    );
    for (const entry of entries) {
      const id = entry.name.replace(/^invoice-|\.pdf$/g, '');
      expect(entry.data.equals(stack.files.pdfFor(id))).toBe(true);
    }
  });

  it('exports every invoice when none are listed, and lists the ones that failed instead of failing', async () => {
    stack.files.pdfSize = 2048;
    const [broken, ...others] = stack.fake.state.invoices.map((invoice) => invoice.id);
    stack.files.failNext(broken!, 404);
    const accepted = await stack.test.http
      .post('/v1/invoice-downloads')
      .set(tenant.auth)
      .send({})
      .expect(202);
    const done = await stack.waitForJob(tenant, accepted.body.job.id);
    expect(done.status).toBe('succeeded');
    const result = done.result as {
      invoiceCount: number;
      exported: Array<{ invoiceId: string }>;
      failed: Array<{ invoiceId: string; problem: Record<string, unknown> }>;
    };
    expect(result.invoiceCount).toBe(stack.fake.state.invoices.length);
    expect(result.exported.map((entry) => entry.invoiceId).sort()).toEqual([...others].sort());
    expect(result.failed).toEqual([
      {
        invoiceId: broken,
        problem: expect.objectContaining({
          type: 'https://billing-gateway.dev/problems/provider-resource-not-found',
          status: 404,
          provider: 'qovery',
          retryable: false,
        }),
      },
    ]);
    const entries = readZip(await stack.download(tenant, done));
    expect(entries).toHaveLength(others.length);
  });

  it('answers 501 before enqueuing anything when the provider has no invoice PDFs', async () => {
    const { test } = stack;
    const prefect = await createConnection(test, tenant.tenantId, {
      provider: 'prefect',
      credentials: { apiKey: 'pnu_jobs_test_token' },
      account: { accountId: '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d' },
    });
    const before = await test.prisma.job.count({ where: { tenantId: tenant.tenantId } });
    const response = await test.http
      .post('/v1/invoices/in_123/download')
      .set(tenant.auth)
      .send({ connectionId: prefect })
      .expect(501);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ operation: 'get_invoice_pdf_link', provider: 'prefect' });
    expect(await test.prisma.job.count({ where: { tenantId: tenant.tenantId } })).toBe(before);
  });
});
