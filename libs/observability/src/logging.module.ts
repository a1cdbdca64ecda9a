import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { LoggerModule } from 'nestjs-pino';
import { REDACTED_PATHS } from './redaction';
import { requestIdOf } from './request-id';

/** Levels at which pino-http's request lines (info) are written. */
const ACCESS_LOG_LEVELS = new Set(['info', 'debug', 'trace']);

/**
 * Structured JSON logs (pino) with the request id on every line and secrets redacted.
 * Health probes are not access-logged: they would drown everything else.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: requestIdOf,
          redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
          // Request lines are logged at info: above that level they are never written, so the
          // per-request bookkeeping for them (listeners, bindings at completion) is skipped too.
          autoLogging: ACCESS_LOG_LEVELS.has(config.LOG_LEVEL)
            ? { ignore: (req) => req.url?.startsWith('/health') ?? false }
            : false,
          customProps: (req) => ({ requestId: req.id }),
          serializers: {
            req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
              headers: { ...req.headers },
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
