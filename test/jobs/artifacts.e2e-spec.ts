import { TEST_ADMIN_KEY } from '../support/e2e-env';
import { expectProblem } from '../support/problem';
import { type JobBody, JobsStack, type QoveryTenant } from './support/jobs-stack';

const SIZE = 10_000;

describe('job reads, artifact downloads and the queue dashboard', () => {
  let stack: JobsStack;
  let owner: QoveryTenant;
  let stranger: QoveryTenant;
  let job: JobBody;
  let pdf: Buffer;

  beforeAll(async () => {
    stack = await JobsStack.start();
    await stack.startWorker();
    [owner, stranger] = [await stack.qoveryTenant(), await stack.qoveryTenant()];
    stack.files.pdfSize = SIZE;
    const invoiceId = stack.fake.state.invoices[0]!.id;
    pdf = stack.files.pdfFor(invoiceId);
    const accepted = await stack.test.http
      .post(`/v1/invoices/${invoiceId}/download`)
      .set(owner.auth)
      .send({})
      .expect(202);
    job = await stack.waitForJob(owner, accepted.body.job.id);
  });
  afterAll(() => JobsStack.shutdown(stack));

  describe('tenant isolation', () => {
    it("answers 404 for another tenant's job, artifact and report, and never lists it", async () => {
      const { http } = stack.test;
      expectProblem(await http.get(`/v1/jobs/${job.id}`).set(stranger.auth), 404, 'not-found');
      expectProblem(await http.get(`/v1/jobs/${job.id}/artifact`).set(stranger.auth), 404, 'not-found');
      expectProblem(
        await http.get(`/v1/jobs/${job.id}/artifact`).set(stranger.auth).set('Range', 'bytes=0-9'),
        404,
        'not-found',
      );
      const listed = await http.get('/v1/jobs').set(stranger.auth).expect(200);
      expect(listed.body.data.map((item: JobBody) => item.id)).not.toContain(job.id);
      expectProblem(await http.get(`/v1/jobs/${job.id}`), 401, 'unauthenticated');
    });
  });

  describe('ranges and caching', () => {
    const get = (headers: Record<string, string>) => stack.getBinary(owner, job.artifact!.url, headers);

    it.each([
      ['bytes=0-99', 0, 99],
      ['bytes=9990-', 9990, SIZE - 1],
      ['bytes=-5', SIZE - 5, SIZE - 1],
      ['bytes=9000-20000', 9000, SIZE - 1],
    ])('serves %s as 206 with Content-Range', async (range, start, end) => {
      const response = await get({ Range: range });
      expect(response.status).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
      expect(response.headers['content-length']).toBe(String(end - start + 1));
      expect((response.body as Buffer).equals(pdf.subarray(start, end + 1))).toBe(true);
    });

    it('answers 416 problem+json for a range outside the file', async () => {
      const response = await stack.test.http
        .get(job.artifact!.url)
        .set(owner.auth)
        .set('Range', `bytes=${SIZE}-`);
      expectProblem(response, 416, 'range-not-satisfiable');
      expect(response.headers['content-range']).toBe(`bytes */${SIZE}`);
    });

    it('serves the whole file for several ranges, or a stale If-Range', async () => {
      const cases: Array<Record<string, string>> = [
        { Range: 'bytes=0-1,5-6' },
        { Range: 'bytes=0-1', 'If-Range': '"stale"' },
      ];
      for (const headers of cases) {
        const response = await get(headers);
        expect(response.status).toBe(200);
        expect((response.body as Buffer).equals(pdf)).toBe(true);
      }
      const matching = await get({ Range: 'bytes=0-1', 'If-Range': `"${job.artifact!.sha256}"` });
      expect(matching.status).toBe(206);
    });

    it('answers 304 to a matching If-None-Match and HEAD without a body', async () => {
      expect((await get({ 'If-None-Match': `"${job.artifact!.sha256}"` })).status).toBe(304);
      const head = await stack.test.http.head(job.artifact!.url).set(owner.auth).expect(200);
      expect(head.headers['content-length']).toBe(String(SIZE));
    });

    it('answers 409 while the job is still running', async () => {
      const invoiceId = stack.fake.state.invoices[1]!.id;
      const hold = stack.files.holdNext(invoiceId);
      const accepted = await stack.test.http
        .post(`/v1/invoices/${invoiceId}/download`)
        .set(owner.auth)
        .send({})
        .expect(202);
      await hold.started;
      expectProblem(
        await stack.test.http.get(`/v1/jobs/${accepted.body.job.id}/artifact`).set(owner.auth),
        409,
        'conflict',
      );
      hold.release();
      await stack.waitForJob(owner, accepted.body.job.id);
    });
  });

  describe('listing', () => {
    it("pages through the tenant's jobs newest first, filtered by type and status", async () => {
      const { http } = stack.test;
      const report = await http
        .post('/v1/usage-reports')
        .set(owner.auth)
        .send({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })
        .expect(202);
      await stack.waitForJob(owner, report.body.job.id);
      const all = await http.get('/v1/jobs?limit=100').set(owner.auth).expect(200);
      const ids = all.body.data.map((item: JobBody) => item.id);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(ids).toContain(job.id);

      const first = await http
        .get('/v1/jobs?type=invoice_download&status=succeeded&limit=1')
        .set(owner.auth)
        .expect(200);
      expect(first.body).toMatchObject({
        hasMore: true,
        data: [{ type: 'invoice_download', status: 'succeeded' }],
      });
      const second = await http
        .get(
          `/v1/jobs?type=invoice_download&status=succeeded&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        )
        .set(owner.auth)
        .expect(200);
      expect(second.body.data[0].id < first.body.data[0].id).toBe(true);
      const reports = await http.get('/v1/jobs?type=usage_report').set(owner.auth).expect(200);
      expect(reports.body.data.map((item: JobBody) => item.id)).toEqual([report.body.job.id]);
    });

    it('rejects unknown filters and forged cursors', async () => {
      expectProblem(
        await stack.test.http.get('/v1/jobs?type=poll').set(owner.auth),
        400,
        'validation-failed',
      );
      expectProblem(
        await stack.test.http.get('/v1/jobs?status=done').set(owner.auth),
        400,
        'validation-failed',
      );
      expectProblem(
        await stack.test.http.get('/v1/jobs?cursor=forged').set(owner.auth),
        400,
        'validation-failed',
      );
      expectProblem(
        await stack.test.http.get('/v1/jobs/not-a-uuid').set(owner.auth),
        400,
        'validation-failed',
      );
    });
  });

  describe('Bull Board at /admin/queues', () => {
    it('asks for credentials, accepting the admin key as bearer or as the Basic password', async () => {
      const { http } = stack.test;
      const anonymous = await http.get('/admin/queues');
      expectProblem(anonymous, 401, 'unauthenticated');
      expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expectProblem(await http.get('/admin/queues').set(owner.auth), 401, 'unauthenticated');
      expectProblem(await http.get('/admin/queues').auth('admin', 'wrong-key'), 401, 'unauthenticated');

      const page = await http
        .get('/admin/queues')
        .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
        .expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      await http.get('/admin/queues').auth('anyone', TEST_ADMIN_KEY).expect(200);
      const queues = await http.get('/admin/queues/api/queues').auth('anyone', TEST_ADMIN_KEY).expect(200);
      expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
        'connection-polls',
        'invoice-downloads',
        'invoice-exports',
        'usage-reports',
      ]);
    });
  });
});
