import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** The tenant a request acts for, resolved from its bearer key (never from the path or body). */
export interface TenantPrincipal {
  tenantId: string;
  slug: string;
  allowedReturnOrigins: string[];
  apiKeyId: string;
  /** Set when the request came with a client token (browser) rather than the API key itself. */
  clientTokenScope?: string;
}

export interface AuthenticatedRequest extends FastifyRequest {
  /** Admin actor fingerprint, e.g. `admin:3f2a9c1b0d4e` (never the key itself). */
  adminActor?: string;
  tenant?: TenantPrincipal;
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or of another scheme. */
export function bearerToken(request: Pick<IncomingMessage, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
