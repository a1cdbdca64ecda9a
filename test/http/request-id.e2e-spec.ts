import { adminAuth, createTestApp, TestApp } from '../support/app';
import { expectProblem } from '../support/problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  it('is generated when absent, on successes and errors alike', async () => {
    const ok = await test.http.get('/health/live').expect(200);
    expect(ok.headers['x-request-id']).toMatch(UUID);
    const error = await test.http.get('/admin/tenants');
    expect(error.headers['x-request-id']).toMatch(UUID);
    expect(error.body.requestId).toBe(error.headers['x-request-id']);
    const other = await test.http.get('/health/live');
    expect(other.headers['x-request-id']).not.toBe(ok.headers['x-request-id']);
  });

  it.each(['req-123', 'trace:abc.DEF_9-0', 'x'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e'])(
    'echoes a well-formed id (%s)',
    async (id) => {
      const ok = await test.http.get('/admin/tenants').set(adminAuth).set('X-Request-Id', id).expect(200);
      expect(ok.headers['x-request-id']).toBe(id);
      const problem = expectProblem(
        await test.http.get('/nope').set('X-Request-Id', id),
        404,
        'route-not-found',
      );
      expect(problem.requestId).toBe(id);
    },
  );

  it.each([
    ['with spaces', 'has spaces in it'],
    ['too long', 'x'.repeat(129)],
    ['with a log-injection attempt', 'abc\\n{"level":"fatal"}'],
    ['empty', ''],
    ['with non-ASCII', 'idé'],
  ])('replaces a malformed id (%s)', async (_case, id) => {
    const response = await test.http.get('/nope').set('X-Request-Id', id);
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(expectProblem(response, 404, 'route-not-found').requestId).toBe(response.headers['x-request-id']);
  });

  it('is set on requests rejected before routing (malformed JSON)', async () => {
    const response = await test.http
      .post('/admin/tenants')
      .set(adminAuth)
      .set('X-Request-Id', 'early-reject-1')
      .set('Content-Type', 'application/json')
      .send('{');
    expect(expectProblem(response, 400, 'malformed-request').requestId).toBe('early-reject-1');
  });
});
