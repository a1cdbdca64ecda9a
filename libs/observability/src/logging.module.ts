import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { LoggerModule } from 'nestjs-pino';
import { REDACTED_PATHS } from './redaction';

/**
 * Structured JSON logs (pino) with secrets redacted. nestjs-pino provides the logger Nest and the
 * code log through; its per-request middleware (pino-http: a child logger per request, kept in an
 * AsyncLocalStorage) is not installed, because it made every request, and through async_hooks every
 * promise, measurably slower (see bench/). Request lines come from the access log (access-log.ts);
 * lines about a request carry its `requestId` explicitly.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
        },
        forRoutes: [],
      }),
    }),
  ],
})
export class LoggingModule {}
