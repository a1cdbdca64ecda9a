import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '@app/auth';
import { PrismaService } from '@app/persistence';

/**
 * CORS for POST /v1/portal-session, the one route a browser calls (with a client token).
 *
 * A preflight carries no credentials, so it cannot be answered per tenant: it is allowed for an
 * origin that some tenant allowed. That set is cached briefly so preflights (one per page view)
 * do not each hit the database; a newly allowed origin works within the cache lifetime. The
 * actual request is authenticated, and only then is the origin echoed, and only if the calling
 * tenant allowed it, so one tenant's origin can never read another tenant's responses.
 */
export const PORTAL_SESSION_PATH = '/v1/portal-session';
const ORIGINS_CACHE_MS = 30_000;
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

@Injectable()
export class AllowedOriginsCache {
  private origins: Promise<Set<string>> | undefined;
  private loadedAt = 0;

  constructor(private readonly prisma: PrismaService) {}

  async has(origin: string): Promise<boolean> {
    if (!this.origins || Date.now() - this.loadedAt > ORIGINS_CACHE_MS) {
      this.loadedAt = Date.now();
      // Concurrent preflights share one query; a failed load is retried by the next call.
      this.origins = this.load().catch((error: unknown) => {
        this.origins = undefined;
        throw error;
      });
    }
    return (await this.origins).has(origin);
  }

  private async load(): Promise<Set<string>> {
    const rows = await this.prisma.$queryRaw<Array<{ origin: string }>>`
      SELECT DISTINCT unnest(allowed_return_origins) AS origin FROM tenants`;
    return new Set(rows.map((row) => row.origin));
  }
}

/**
 * Both halves as Fastify hooks rather than a Nest middleware and interceptor: the route is the
 * gateway's hottest, and those cost it a middleware engine pass and an rxjs pipeline per request.
 */
@Injectable()
export class PortalCors implements OnModuleInit {
  constructor(
    private readonly origins: AllowedOriginsCache,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.options(PORTAL_SESSION_PATH, (request, reply) => this.preflight(request, reply));
    // onSend runs for every outcome after authentication (201, 422, 501, ...), so the browser can
    // read errors too; before authentication (401) there is no tenant and nothing is echoed.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (request.routeOptions.url === PORTAL_SESSION_PATH) echoAllowedOrigin(request, reply);
      done(null, payload);
    });
  }

  private async preflight(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    void reply.header('Vary', 'Origin').header('Allow', 'POST, OPTIONS');
    const origin = request.headers.origin;
    // Not allowed: a plain 204 without CORS headers, which the browser treats as a refusal.
    if (origin && (await this.origins.has(origin))) {
      void reply.headers({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
      });
    }
    return reply.code(204).send();
  }
}

/** On the authenticated request: echo the origin only when the calling tenant allowed it. */
function echoAllowedOrigin(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('Vary', 'Origin');
  const origin = request.headers.origin;
  const tenant = (request as AuthenticatedRequest).tenant;
  if (origin && tenant?.allowedReturnOrigins.includes(origin)) {
    void reply.header('Access-Control-Allow-Origin', origin);
    void reply.header('Access-Control-Expose-Headers', 'X-Request-Id');
  }
}
