import type { Response } from 'supertest';
import { createHash } from 'node:crypto';
import { adminAuth, bearer, createTestApp, TestApp } from '../support/app';
import { TEST_ADMIN_KEY } from '../support/e2e-env';
import { CONNECTION_EXAMPLES, uniqueSlug } from '../support/fixtures';
import { captureOutput, OutputCapture } from '../support/log-capture';

const PROVIDER_SECRET = 'sk_test_LeakCanaryOriginal7f3a9c';
const ROTATED_SECRET = 'sk_test_LeakCanaryRotated2b8d4e';

/**
 * Drives every path that handles a secret with the most verbose logging, then looks for the
 * secrets in everything that leaves the process: log output, response bodies and audit rows.
 * One app only: nestjs-pino keeps the first app's logger for framework logs of later apps.
 */
describe('no secret in logs, responses or audit events', () => {
  let test: TestApp;
  let output: OutputCapture;
  const responses: Response[] = [];
  let tenantKey = '';
  let tenantId = '';
  let auditRows: string[] = [];

  const record = async (request: PromiseLike<Response>): Promise<Response> => {
    const response = await request;
    responses.push(response);
    return response;
  };

  beforeAll(async () => {
    output = captureOutput(); // before the app exists, so pino writes through the capture
    try {
      test = await createTestApp({ LOG_LEVEL: 'trace' });
      const tenant = await record(
        test.http
          .post('/admin/tenants')
          .set(adminAuth)
          .send({ name: 'Leak check', slug: uniqueSlug('leak') }),
      );
      tenantId = tenant.body.id;
      const key = await test.http
        .post(`/admin/tenants/${tenantId}/api-keys`)
        .set(adminAuth)
        .send({ name: 'k' });
      tenantKey = key.body.secret; // the one response allowed to hold a secret: not recorded

      const base = `/admin/tenants/${tenantId}/connections`;
      const body = { ...CONNECTION_EXAMPLES.stripe, credentials: { apiKey: PROVIDER_SECRET } };
      const created = await record(test.http.post(base).set(adminAuth).send(body));
      const connection = `${base}/${created.body.id}`;
      await record(
        test.http
          .patch(connection)
          .set(adminAuth)
          .send({ credentials: { apiKey: ROTATED_SECRET } }),
      );
      await record(test.http.get(connection).set(adminAuth));
      await record(test.http.get(base).set(adminAuth));
      await record(test.http.get('/v1/tenant').set(bearer(tenantKey)));
      await record(test.http.get(`/admin/tenants/${tenantId}/api-keys`).set(adminAuth));
      await record(test.http.get('/admin/audit-events').query({ tenantId }).set(adminAuth));
      // Failures echo nothing they were given either.
      await record(
        test.http
          .post(base)
          .set(adminAuth)
          .send({ ...body, credentials: { apiKey: PROVIDER_SECRET, x: 1 } }),
      );
      await record(
        test.http
          .patch(connection)
          .set(adminAuth)
          .send({ credentials: { apiKey: `${ROTATED_SECRET} ` } }),
      );
      await record(
        test.http
          .post(base)
          .set(adminAuth)
          .set('Content-Type', 'application/json')
          .send(`{"credentials":{"apiKey":"${PROVIDER_SECRET}"`),
      );
      await record(test.http.get('/admin/tenants').set(bearer(tenantKey)));
      await record(test.http.get('/v1/tenant').set(adminAuth));
      await record(
        test.http.get('/v1/tenant').set('X-Api-Key', tenantKey).set('Cookie', `session=${tenantKey}`),
      );
      const rows = await test.prisma.$queryRawUnsafe<Array<{ text: string }>>(
        'SELECT row_to_json(a)::text AS text FROM audit_events a WHERE tenant_id = $1::uuid',
        tenantId,
      );
      auditRows = rows.map((row) => row.text);
    } finally {
      await test?.close();
      output.stop();
    }
  });

  const secrets = () => ({
    'provider API key': PROVIDER_SECRET,
    'rotated provider API key': ROTATED_SECRET,
    'tenant API key': tenantKey,
    'tenant API key hash': createHash('sha256').update(tenantKey).digest('hex'),
    'admin key': TEST_ADMIN_KEY,
  });

  it('captured the logs it checks (request lines with redacted authorization)', () => {
    const text = output.text();
    expect(text).toContain('"url":"/v1/tenant"');
    expect(text).toContain(tenantId);
    expect(text).toMatch(/"authorization":"\[REDACTED\]"/);
  });

  it.each([
    'provider API key',
    'rotated provider API key',
    'tenant API key',
    'tenant API key hash',
    'admin key',
  ])('the %s appears in no log line', (name) => {
    const secret = secrets()[name as keyof ReturnType<typeof secrets>];
    const leaking = output.lines().filter((line) => line.includes(secret));
    expect(leaking).toEqual([]);
  });

  it('no response body holds a secret (except the API key creation response)', () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const response of responses) {
      for (const [name, secret] of Object.entries(secrets())) {
        expect({ url: response.request?.url, name, leaked: response.text.includes(secret) }).toEqual({
          url: response.request?.url,
          name,
          leaked: false,
        });
      }
    }
  });

  it('no audit event holds a secret', () => {
    expect(auditRows.length).toBeGreaterThanOrEqual(4);
    for (const row of auditRows)
      for (const secret of Object.values(secrets())) expect(row).not.toContain(secret);
  });
});
