import { adminAuth, createTestApp, TestApp } from '../support/app';
import { uniqueSlug } from '../support/fixtures';
import { closedPort } from '../support/network';
import { expectProblem, problemFields } from '../support/problem';

describe('errors are problem+json', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp({ BODY_LIMIT: '2kb' });
  });
  afterAll(() => test.close());

  it('unknown route: 404 route-not-found', async () => {
    const problem = expectProblem(
      await test.http.get('/no/such/route?x=1'),
      404,
      'route-not-found',
      '/no/such/route',
    );
    expect(problem.detail).toContain('GET /no/such/route');
    expectProblem(await test.http.delete('/admin/tenants').set(adminAuth), 404, 'route-not-found');
  });

  it('malformed JSON: 400 malformed-request', async () => {
    const response = await test.http
      .post('/admin/tenants')
      .set(adminAuth)
      .set('Content-Type', 'application/json')
      .send('{"name": "unterminated');
    expectProblem(response, 400, 'malformed-request', '/admin/tenants');
  });

  it('wrong content type: 415 unsupported-media-type', async () => {
    for (const [type, body] of [
      ['text/plain', 'name=acme'],
      ['application/x-www-form-urlencoded', 'name=acme&slug=acme'],
    ]) {
      const response = await test.http
        .post('/admin/tenants')
        .set(adminAuth)
        .set('Content-Type', type!)
        .send(body);
      expectProblem(response, 415, 'unsupported-media-type', '/admin/tenants');
    }
  });

  it('oversized body: 413 payload-too-large', async () => {
    const response = await test.http
      .post('/admin/tenants')
      .set(adminAuth)
      .send({ name: 'x'.repeat(4096), slug: uniqueSlug() });
    const problem = expectProblem(response, 413, 'payload-too-large', '/admin/tenants');
    expect(problem.detail).toContain('2048');
  });

  it('validation failure: 400 with errors[] of {field, message}', async () => {
    const response = await test.http.post('/admin/tenants').set(adminAuth).send({ name: 42, slug: 'UPPER' });
    const problem = expectProblem(response, 400, 'validation-failed', '/admin/tenants');
    expect(problemFields(problem)).toEqual(expect.arrayContaining(['name', 'slug']));
    expect(problem.errors!.find((error) => error.field === 'slug')!.message).toMatch(/slug/);
  });

  it('unknown field: 400 naming the field', async () => {
    const response = await test.http
      .post('/admin/tenants')
      .set(adminAuth)
      .send({ name: 'Acme', slug: uniqueSlug(), plan: 'gold' });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors).toEqual([{ field: 'plan', message: expect.stringMatching(/unknown field/) }]);
  });

  it('authentication: 401 with WWW-Authenticate', async () => {
    const response = await test.http.get('/admin/tenants');
    expectProblem(response, 401, 'unauthenticated', '/admin/tenants');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('duplicate slug: 409 conflict', async () => {
    const slug = uniqueSlug();
    await test.http.post('/admin/tenants').set(adminAuth).send({ name: 'One', slug }).expect(201);
    const problem = expectProblem(
      await test.http.post('/admin/tenants').set(adminAuth).send({ name: 'Two', slug }),
      409,
      'conflict',
    );
    expect(problem.detail).toContain(slug);
  });

  it('non-uuid path id: 400 naming the parameter', async () => {
    const response = await test.http.get('/admin/tenants/12345').set(adminAuth);
    const problem = expectProblem(response, 400, 'validation-failed', '/admin/tenants/12345');
    expect(problemFields(problem)).toEqual(['tenantId']);
  });
});

describe('unexpected failures', () => {
  let broken: TestApp;
  beforeAll(async () => {
    // A real outage rather than a mock: this app's PostgreSQL is a port nothing listens on.
    broken = await createTestApp({
      DATABASE_URL: `postgresql://gateway:hunter2secret@127.0.0.1:${await closedPort()}/gone`,
    });
  });
  afterAll(() => broken.close());

  it('answer 500 internal-error that reveals nothing internal', async () => {
    const response = await broken.http.get('/admin/tenants').set(adminAuth).set('X-Request-Id', 'db-down-1');
    const problem = expectProblem(response, 500, 'internal-error', '/admin/tenants');
    expect(problem.requestId).toBe('db-down-1');
    expect(Object.keys(problem).sort()).toEqual([
      'detail',
      'instance',
      'requestId',
      'status',
      'title',
      'type',
    ]);
    const text = JSON.stringify(problem);
    for (const internal of [
      /ECONNREFUSED/i,
      /prisma/i,
      /postgres/i,
      /hunter2/,
      /127\.0\.0\.1/,
      /\bat \S+ \(/,
      /\.ts\b/,
    ]) {
      expect(text).not.toMatch(internal);
    }
  });

  it('answer writes with 500 too, after validation passed', async () => {
    const response = await broken.http
      .post('/admin/tenants')
      .set(adminAuth)
      .send({ name: 'Down', slug: uniqueSlug() });
    expectProblem(response, 500, 'internal-error');
  });

  it('and validation still answers 400 before touching the database', async () => {
    expectProblem(await broken.http.post('/admin/tenants').set(adminAuth).send({}), 400, 'validation-failed');
  });
});
