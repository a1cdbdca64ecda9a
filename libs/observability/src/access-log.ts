import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { LogLevel } from '@app/config';

/** Levels at which request lines (written at info) are logged. */
const ACCESS_LOG_LEVELS = new Set<LogLevel>(['info', 'debug', 'trace']);

/**
 * One line per request, when its response ends or the client goes away: id, method, URL, headers
 * (credentials redacted by the logger), status and duration. Health probes are left out; they would drown
 * everything else. Above info nothing is registered, so requests pay nothing for it. The Node
 * response's `close` is used rather than Fastify's onResponse, which skips hijacked replies (MCP).
 */
export function registerAccessLog(fastify: FastifyInstance, level: LogLevel): void {
  if (!ACCESS_LOG_LEVELS.has(level)) return;
  const logger = new Logger('Http');
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/health')) return done();
    const started = process.hrtime.bigint();
    reply.raw.once('close', () => {
      logger.log(
        {
          requestId: request.id,
          req: { method: request.method, url: request.url, headers: request.headers },
          res: { statusCode: reply.raw.statusCode },
          responseTimeMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1_000,
          ...(reply.raw.writableFinished ? {} : { aborted: true }),
        },
        'request completed',
      );
    });
    done();
  });
}
