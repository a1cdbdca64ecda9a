import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { LoggerModule } from 'nestjs-pino';
import { REDACTED_PATHS } from './redaction';
import { requestIdFor } from './request-id';

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
          genReqId: requestIdFor,
          redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
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
