import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // SIGTERM/SIGINT: stop taking jobs, finish the running ones, then exit (see QueueWorkers).
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.WORKER_PORT, config.HOST);
  new NestLogger('Worker').log({ port: config.WORKER_PORT }, 'Worker listening for health probes');
}

void bootstrap();
