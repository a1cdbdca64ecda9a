import { expectProblem, problemFields } from '../support/problem';
import { JobsStack, type QoveryTenant } from './support/jobs-stack';

const REPORT_TTL_S = 120;

describe('usage reports', () => {
  let stack: JobsStack;
  let tenant: QoveryTenant;

  beforeAll(async () => {
    stack = await JobsStack.start({ USAGE_REPORT_URL_TTL_S: String(REPORT_TTL_S) });
    await stack.startWorker();
    tenant = await stack.qoveryTenant();
  });
  afterAll(() => JobsStack.shutdown(stack));

  const request = (body: object) => stack.test.http.post('/v1/usage-reports').set(tenant.auth).send(body);

  it('copies the report before its link expires, deletes it upstream, and links the copy', async () => {
    const requestedAt = Date.now();
    const accepted = await request({ from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00+00:00' }).expect(
      202,
    );
    const id = accepted.body.job.id as string;
    expect(accepted.headers.location).toBe(`/v1/jobs/${id}`);
    const done = await stack.waitForJob(tenant, id);
    expect(done).toMatchObject({
      type: 'usage_report',
      status: 'succeeded',
      result: {
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-11-01T00:00:00.000Z',
        provider: 'qovery',
        reportDeleted: true,
      },
      artifact: { contentType: 'text/csv', filename: 'usage-report-2026-10-01_2026-11-01.csv' },
    });

    const generated = stack.fake.server.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/billingUsageReport'),
    );
    expect(generated!.body).toEqual({
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      report_expiration_in_seconds: REPORT_TTL_S,
    });
    const fileRequests = stack.files.requests.filter((r) => r.path.startsWith('/files/usage-reports/'));
    expect(fileRequests.map((r) => r.method)).toEqual(['GET', 'DELETE']);
    expect(fileRequests[0]!.at - requestedAt).toBeLessThan(REPORT_TTL_S * 1000);
    expect(fileRequests[1]!.path).toMatch(/\?token=/);
    expect(stack.fake.state.usageReports.size).toBe(0);

    const csv = (await stack.download(tenant, done)).toString('utf8');
    expect(csv).toBe('date,service,cost_in_cents,currency\n2024-01-01,cluster,1200,USD\n');

    const report = await stack.test.http.get(`/v1/usage-reports/${id}`).set(tenant.auth).expect(200);
    expect(report.body).toMatchObject({
      id,
      status: 'succeeded',
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      artifactUrl: `/v1/jobs/${id}/artifact`,
      job: { id, type: 'usage_report' },
    });
  });

  it.each([
    ['from after to', { from: '2026-11-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }, ['to']],
    ['an empty period', { from: '2026-11-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, ['to']],
    ['more than 366 days', { from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' }, ['to']],
    ['dates without a time', { from: '2026-10-01', to: '2026-11-01' }, ['from', 'to']],
    ['no dates', {}, ['from', 'to']],
    ['not dates', { from: 'yesterday', to: 42 }, ['from', 'to']],
    [
      'an unknown field',
      { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', format: 'csv' },
      ['format'],
    ],
  ])('rejects %s with 400 before creating a job', async (_case, body, fields) => {
    const jobs = await stack.test.prisma.job.count({ where: { tenantId: tenant.tenantId } });
    const problem = expectProblem(await request(body), 400, 'validation-failed');
    expect([...new Set(problemFields(problem))].sort()).toEqual(fields);
    expect(await stack.test.prisma.job.count({ where: { tenantId: tenant.tenantId } })).toBe(jobs);
  });

  it("answers 404 for a job that is not a usage report, or not the tenant's", async () => {
    const download = await stack.test.http
      .post(`/v1/invoices/${stack.fake.state.invoices[0]!.id}/download`)
      .set(tenant.auth)
      .send({})
      .expect(202);
    expectProblem(
      await stack.test.http.get(`/v1/usage-reports/${download.body.job.id}`).set(tenant.auth),
      404,
      'not-found',
    );
    const report = await request({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }).expect(202);
    const other = await stack.qoveryTenant();
    expectProblem(
      await stack.test.http.get(`/v1/usage-reports/${report.body.job.id}`).set(other.auth),
      404,
      'not-found',
    );
  });
});
