import { CallHandler, ExecutionContext, Injectable, NestInterceptor, NestMiddleware } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthenticatedRequest } from '@app/auth';
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

@Injectable()
export class PortalPreflightMiddleware implements NestMiddleware {
  constructor(private readonly origins: AllowedOriginsCache) {}

  /** Nest runs middleware on Fastify with Node's request and response. */
  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    if (request.method !== 'OPTIONS') return next();
    response.setHeader('Vary', 'Origin');
    response.setHeader('Allow', 'POST, OPTIONS');
    const origin = request.headers.origin;
    if (!origin) {
      response.writeHead(204).end();
      return;
    }
    this.origins.has(origin).then((allowed) => {
      if (allowed) {
        response.setHeader('Access-Control-Allow-Origin', origin);
        response.setHeader('Access-Control-Allow-Methods', 'POST');
        response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        response.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      }
      // Not allowed: a plain 204 without CORS headers, which the browser treats as a refusal.
      response.writeHead(204).end();
    }, next);
  }
}

/** On the authenticated request: echo the origin only when the calling tenant allowed it. */
@Injectable()
export class PortalCorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<FastifyReply>();
    void response.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin && request.tenant?.allowedReturnOrigins.includes(origin)) {
      // Set before the handler runs, so error responses (422, 501, ...) are readable too.
      void response.header('Access-Control-Allow-Origin', origin);
      void response.header('Access-Control-Expose-Headers', 'X-Request-Id');
    }
    return next.handle();
  }
}
