import { bullJobId, JobQueues } from '@app/queue';
import { expectProblem } from '../support/problem';
import { JobsStack, type QoveryTenant } from './support/jobs-stack';

describe('idempotent job creation', () => {
  let stack: JobsStack;
  let tenant: QoveryTenant;
  let invoiceId: string;

  beforeAll(async () => {
    stack = await JobsStack.start();
    await stack.startWorker();
    tenant = await stack.qoveryTenant();
    invoiceId = stack.fake.state.invoices[0]!.id;
  });
  afterAll(() => JobsStack.shutdown(stack));

  const download = (key: string, body: object = {}, who = tenant) =>
    stack.test.http
      .post(`/v1/invoices/${invoiceId}/download`)
      .set(who.auth)
      .set('Idempotency-Key', key)
      .send(body);
  const pdfDownloads = () =>
    stack.files.requests.filter((request) => request.method === 'GET' && request.path.includes(invoiceId))
      .length;

  it('returns the same job for the same key and body, and runs it once', async () => {
    const before = pdfDownloads();
    const first = await download('key-same-body').expect(202);
    const second = await download('key-same-body').expect(202);
    expect(second.body.job.id).toBe(first.body.job.id);
    expect(second.headers.location).toBe(`/v1/jobs/${first.body.job.id}`);
    await stack.waitForJob(tenant, first.body.job.id);
    const replay = await download('key-same-body').expect(202);
    expect(replay.body.job).toMatchObject({ id: first.body.job.id, status: 'succeeded' });
    expect(pdfDownloads() - before).toBe(1);
  });

  it('answers 409 when the key comes back with a different body or for another operation', async () => {
    const first = await download('key-conflict').expect(202);
    await stack.waitForJob(tenant, first.body.job.id); // so its download cannot count in a later test
    const other = await download('key-conflict', { connectionId: tenant.connectionId });
    const problem = expectProblem(other, 409, 'conflict');
    expect(problem.detail).toMatch(/Idempotency-Key/);
    const report = await stack.test.http
      .post('/v1/usage-reports')
      .set(tenant.auth)
      .set('Idempotency-Key', 'key-conflict')
      .send({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    expectProblem(report, 409, 'conflict');
  });

  it('creates one job and one BullMQ job when requests with one key race', async () => {
    const before = pdfDownloads();
    const responses = await Promise.all(Array.from({ length: 8 }, () => download('key-race')));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(202));
    const ids = new Set(responses.map((response) => response.body.job.id as string));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const rows = await stack.test.prisma.job.findMany({
      where: { tenantId: tenant.tenantId, idempotencyKey: 'key-race' },
    });
    expect(rows.map((row) => row.id)).toEqual([id]);
    const queued = await stack.test.app.get(JobQueues).get('invoice_download').getJob(bullJobId(rows[0]!));
    expect(queued?.data).toEqual({ jobId: id, tenantId: tenant.tenantId });
    await stack.waitForJob(tenant, id!);
    expect(pdfDownloads() - before).toBe(1);
  });

  it('scopes keys to the tenant', async () => {
    const other = await stack.qoveryTenant();
    const mine = await download('key-shared').expect(202);
    const theirs = await download('key-shared', {}, other).expect(202);
    expect(theirs.body.job.id).not.toBe(mine.body.job.id);
  });

  it('rejects a malformed key', async () => {
    const problem = expectProblem(await download('x'.repeat(256)), 400, 'validation-failed');
    expect(problem.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});
