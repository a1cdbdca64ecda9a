import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { AdminGuard, bearerToken } from '@app/auth';
import { ErrorType, GatewayError, sendProblem } from '@app/errors';
import { JOB_TYPES, POLL_QUEUE, QueueModule, QUEUE_NAMES } from '@app/queue';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';
const DASHBOARD_URL = /^\/admin\/queues(?:[/?]|$)/;

/** The password of `Authorization: Basic base64(user:password)`; the user name is ignored. */
function basicPassword(request: IncomingMessage): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}

/**
 * Bull Board is a Fastify plugin, outside Nest's guards, so the admin key is checked here, in a
 * Fastify hook for its path (a Nest middleware would put every request through a middleware
 * engine), with the same check as AdminGuard. Browsers cannot attach a bearer header to a page they navigate
 * to, so the key is also accepted as the password of HTTP Basic auth (any user name): the browser
 * asks for it once (WWW-Authenticate: Basic) and resends it with every asset and API call of the
 * dashboard. Scripts keep using `Authorization: Bearer <admin key>`.
 */
@Injectable()
export class QueueDashboardAuth implements OnModuleInit {
  constructor(
    private readonly admin: AdminGuard,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Bull Board's plugin routes are outside Nest's exception filters: the hook answers itself.
    fastify.addHook('onRequest', (request, reply, done) => {
      const refusal = DASHBOARD_URL.test(request.url) ? this.refusal(request.raw) : undefined;
      if (refusal) sendProblem(request, reply, refusal);
      else done();
    });
  }

  /** Why the request may not see the dashboard; undefined when it carries an admin key. */
  private refusal(request: IncomingMessage): GatewayError | undefined {
    const token = bearerToken(request) ?? basicPassword(request);
    const actor = token === undefined ? undefined : this.admin.actorFor(token);
    if (!actor) {
      return new GatewayError(
        ErrorType.Unauthenticated,
        'An admin key is required: send it as a bearer token, or as the password of HTTP Basic auth.',
        { headers: { 'WWW-Authenticate': 'Basic realm="Billing gateway queues", charset="UTF-8"' } },
      );
    }
    return undefined;
  }
}

/** Bull Board at /admin/queues: every job queue (polls included), its jobs, retries and failures, for admins. */
@Module({
  imports: [
    QueueModule,
    BullBoardModule.forRoot({
      route: QUEUE_DASHBOARD_ROUTE,
      adapter: FastifyAdapter,
    }),
    BullBoardModule.forFeature(
      ...[...JOB_TYPES.map((type) => QUEUE_NAMES[type]), POLL_QUEUE].map((name) => ({
        name,
        adapter: BullMQAdapter,
      })),
    ),
  ],
  providers: [QueueDashboardAuth],
})
export class QueueDashboardModule {}
