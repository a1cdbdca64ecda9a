import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadAppConfig } from '@app/config';
import { WorkerModule } from './worker.module';

/**
 * Nest's shutdown hooks let running jobs finish (see QueueWorkers), but a drain that cannot end
 * (Redis unreachable: BullMQ waits for it forever) must not keep the process alive: past
 * WORKER_SHUTDOWN_TIMEOUT_MS it exits, and the stalled-job check requeues what was cut short.
 */
function exitAfterShutdownTimeout(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        new NestLogger('Worker').error({ timeoutMs }, 'Shutdown did not finish in time; exiting anyway');
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}

async function bootstrap(): Promise<void> {
  exitAfterShutdownTimeout(loadAppConfig().WORKER_SHUTDOWN_TIMEOUT_MS);
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
