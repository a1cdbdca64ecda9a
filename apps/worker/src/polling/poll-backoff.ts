import { ErrorType, GatewayError } from '@app/errors';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** The provider's Retry-After, in seconds, when the error is a rate limit (429); null for other errors. */
export function rateLimitOf(error: unknown): { retryAfterSeconds: number | undefined } | null {
  if (!(error instanceof GatewayError) || error.type !== ErrorType.ProviderRateLimited) return null;
  const header = Number(error.options.headers?.['Retry-After']);
  return { retryAfterSeconds: Number.isFinite(header) && header >= 0 ? header : undefined };
}

/**
 * How long to leave a connection alone after its `consecutive`-th 429 in a row: the base doubled
 * for each 429 after the first, at least what the provider asked for (Retry-After), at most maxMs
 * (which also bounds an unreasonable Retry-After: the connection is tried again, not abandoned).
 */
export function backoffMs(policy: BackoffPolicy, consecutive: number, retryAfterSeconds?: number): number {
  const doubled = policy.baseMs * 2 ** Math.min(Math.max(consecutive - 1, 0), 30);
  return Math.min(policy.maxMs, Math.max(doubled, (retryAfterSeconds ?? 0) * 1_000));
}
