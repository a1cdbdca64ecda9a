import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { PrismaService } from '@app/persistence';
import { AppModule } from '../../apps/api/src/app.module';
import { configureHttp } from '../../apps/api/src/http-setup';
import { TEST_ADMIN_KEY } from './e2e-env';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  prisma: PrismaService;
  close(): Promise<void>;
}

/**
 * Boots the real api (real PostgreSQL and Redis) on an ephemeral loopback port. `env` overrides
 * configuration for this app only (e.g. provider base URLs pointing at a fake upstream).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule, {
      bufferLogs: true,
      bodyParser: false,
    });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
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
