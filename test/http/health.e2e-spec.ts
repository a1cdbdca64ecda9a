import { createTestApp, TestApp } from '../support/app';
import { closedPort } from '../support/network';
import { expectProblem } from '../support/problem';

const IOREDIS_DISCONNECT_TIMEOUT_MS = 2_100;

describe('health', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  it('GET /health/live answers 200 without credentials', async () => {
    const response = await test.http.get('/health/live').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 when PostgreSQL and Redis answer', async () => {
    const response = await test.http.get('/health/ready').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });
});

describe('health with a dependency down', () => {
  it('GET /health/ready answers 503 problem+json naming redis when Redis is down', async () => {
    const test = await createTestApp(
      { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` },
      { awaitRedis: false },
    );
    try {
      const problem = expectProblem(
        await test.http.get('/health/ready'),
        503,
        'service-unavailable',
        '/health/ready',
      );
      expect(problem.checks).toEqual({ redis: { status: 'down', message: 'not reachable' } });
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      await test.http.get('/health/live').expect(200);
    } finally {
      await test.close();
      // ioredis keeps a timer (disconnectTimeout, 2 s) for the close of a socket that was refused
      // and never closes again; let it run out so Jest does not report an open handle at the end.
      await new Promise((resolve) => setTimeout(resolve, IOREDIS_DISCONNECT_TIMEOUT_MS));
    }
  });

  it('GET /health/ready answers 503 naming postgres when PostgreSQL is down', async () => {
    const test = await createTestApp({
      DATABASE_URL: `postgresql://gateway@127.0.0.1:${await closedPort()}/gone`,
    });
    try {
      const problem = expectProblem(await test.http.get('/health/ready'), 503, 'service-unavailable');
      expect(problem.checks).toEqual({ postgres: { status: 'down', message: 'not reachable' } });
    } finally {
      await test.close();
    }
  });
});
