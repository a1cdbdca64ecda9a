import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '@app/persistence';
import { RedisClient } from '@app/redis';
import { createApiApp } from '../../apps/api/src/http-setup';
import { TEST_ADMIN_KEY } from './e2e-env';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  prisma: PrismaService;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Wait until the app's Redis connection is ready (default true), so readiness and anything
   * using Redis does not race the connection; false for an app whose Redis is meant to be down.
   */
  awaitRedis?: boolean;
}

const REDIS_READY_TIMEOUT_MS = 5_000;

async function redisReady(redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis did not become ready within ${REDIS_READY_TIMEOUT_MS} ms`));
    }, REDIS_READY_TIMEOUT_MS);
    redis.once('ready', onReady);
  });
}

/**
 * Boots the real api (real PostgreSQL and Redis) on an ephemeral loopback port. `env` overrides
 * configuration for this app only (e.g. provider base URLs pointing at a fake upstream).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    if (options.awaitRedis ?? true) {
      await redisReady(app.get(RedisClient)).catch(async (error: unknown) => {
        await app.close();
        throw error;
      });
    }
    return {
      app,
      http: request(app.getHttpServer()),
      prisma: app.get(PrismaService),
      close: () => app.close(),
    };
  } finally {
    process.env = saved;
  }
}

export const adminAuth = { Authorization: `Bearer ${TEST_ADMIN_KEY}` };
export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
