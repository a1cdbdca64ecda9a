import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Fastify, as the api: the worker's HTTP surface is only its health probes.
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: stop taking jobs, finish the running ones, then exit (see QueueWorkers).
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.WORKER_PORT, config.HOST);
  new NestLogger('Worker').log({ port: config.WORKER_PORT }, 'Worker listening for health probes');
}

void bootstrap();
