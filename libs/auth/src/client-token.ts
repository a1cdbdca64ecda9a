import { Injectable } from '@nestjs/common';
import { Signer } from '@app/crypto';

/**
 * Short-lived tokens a tenant's backend mints for a browser. The prefix lets the guard tell them
 * from API keys without a database lookup, and makes a leaked one easy to recognise in a report.
 */
export const CLIENT_TOKEN_PREFIX = 'bgwct_';
export const CLIENT_TOKEN_SCOPES = ['portal-session'] as const;
export type ClientTokenScope = (typeof CLIENT_TOKEN_SCOPES)[number];

/** Signer purpose of its own: no cursor or other signed value can pass for a client token. */
const PURPOSE = 'client-token';

export interface ClientTokenClaims {
  tenantId: string;
  /** The API key that issued it: revoking that key revokes the token. */
  apiKeyId: string;
  scope: ClientTokenScope;
  expiresAt: Date;
}

interface Payload {
  v: 1;
  t: string;
  k: string;
  s: string;
  /** Expiry in epoch milliseconds. */
  exp: number;
}

export const isClientToken = (token: string): boolean => token.startsWith(CLIENT_TOKEN_PREFIX);

@Injectable()
export class ClientTokenCodec {
  constructor(private readonly signer: Signer) {}

  issue(claims: Omit<ClientTokenClaims, 'expiresAt'>, ttlSeconds: number, now = Date.now()) {
    const expiresAt = new Date(now + ttlSeconds * 1000);
    const payload: Payload = {
      v: 1,
      t: claims.tenantId,
      k: claims.apiKeyId,
      s: claims.scope,
      exp: expiresAt.getTime(),
    };
    return { token: `${CLIENT_TOKEN_PREFIX}${this.signer.sign(PURPOSE, payload)}`, expiresAt };
  }

  /** The claims of a genuine, unexpired token; undefined for anything else. Revocation is the guard's job. */
  verify(token: string, now = Date.now()): ClientTokenClaims | undefined {
    if (!isClientToken(token)) return undefined;
    const payload = this.signer.verify<Partial<Payload>>(PURPOSE, token.slice(CLIENT_TOKEN_PREFIX.length));
    if (
      !payload ||
      payload.v !== 1 ||
      typeof payload.t !== 'string' ||
      typeof payload.k !== 'string' ||
      !CLIENT_TOKEN_SCOPES.includes(payload.s as ClientTokenScope) ||
      typeof payload.exp !== 'number' ||
      payload.exp <= now
    ) {
      return undefined;
    }
    return {
      tenantId: payload.t,
      apiKeyId: payload.k,
      scope: payload.s as ClientTokenScope,
      expiresAt: new Date(payload.exp),
    };
  }
}
