import { ErrorType, GatewayError } from '@app/errors';
import type { ProviderId } from '../provider-id';

/** What went wrong talking to a provider, before it becomes a gateway error. */
export type UpstreamFailure =
  | { kind: 'http'; status: number; retryAfterSeconds?: number; summary?: string }
  | { kind: 'timeout' }
  | { kind: 'network'; code?: string }
  | { kind: 'invalid-response'; status: number };

/** The one table from upstream HTTP status to gateway error, shared by every provider. */
function typeForStatus(status: number): ErrorType {
  if (status === 401 || status === 403) return ErrorType.ProviderAuthenticationFailed;
  if (status === 404) return ErrorType.ProviderResourceNotFound;
  if (status === 429) return ErrorType.ProviderRateLimited;
  if (status === 408 || status === 504) return ErrorType.ProviderTimeout;
  if (status >= 400 && status < 500) return ErrorType.ProviderRejectedInput;
  return ErrorType.ProviderUnavailable;
}

const RETRYABLE_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504]);

/** True when repeating the same request later may succeed. */
export function isRetryableFailure(failure: UpstreamFailure): boolean {
  if (failure.kind === 'timeout' || failure.kind === 'network') return true;
  return failure.kind === 'http' && RETRYABLE_STATUSES.has(failure.status);
}

/**
 * Translates an upstream failure into the gateway's problem: names the provider and the upstream
 * status and says whether retrying may help. Only a sanitized summary of the provider's message
 * travels (never the raw body, never credentials).
 */
export function upstreamError(provider: ProviderId, failure: UpstreamFailure): GatewayError {
  const retryable = isRetryableFailure(failure);
  const upstreamStatus =
    failure.kind === 'http' || failure.kind === 'invalid-response' ? failure.status : null;
  const extensions = { provider, upstreamStatus, retryable };
  switch (failure.kind) {
    case 'timeout':
      return new GatewayError(ErrorType.ProviderTimeout, `${provider} did not answer in time.`, {
        extensions,
      });
    case 'network':
      return new GatewayError(
        ErrorType.ProviderUnavailable,
        `${provider} could not be reached${failure.code ? ` (${failure.code})` : ''}.`,
        {
          extensions,
        },
      );
    case 'invalid-response':
      return new GatewayError(
        ErrorType.ProviderInvalidResponse,
        `${provider} answered ${failure.status} with a body that is not valid JSON.`,
        {
          extensions,
        },
      );
    case 'http': {
      const type = typeForStatus(failure.status);
      const detail = {
        [ErrorType.ProviderAuthenticationFailed]: `${provider} rejected the connection's credentials (HTTP ${failure.status}).`,
        [ErrorType.ProviderResourceNotFound]: `${provider} has no such resource.`,
        [ErrorType.ProviderRateLimited]: `${provider} is rate limiting this connection.`,
        [ErrorType.ProviderTimeout]: `${provider} timed out (HTTP ${failure.status}).`,
        [ErrorType.ProviderRejectedInput]: `${provider} rejected the request`,
        [ErrorType.ProviderUnavailable]: `${provider} failed with HTTP ${failure.status}.`,
      }[type as string];
      const withSummary =
        type === ErrorType.ProviderRejectedInput
          ? `${detail}${failure.summary ? `: ${failure.summary}` : '.'}`
          : (detail ?? '');
      const headers =
        failure.retryAfterSeconds !== undefined
          ? { 'Retry-After': String(failure.retryAfterSeconds) }
          : undefined;
      return new GatewayError(type, withSummary, { extensions, headers });
    }
  }
}

/** Keeps a provider's message safe to show: one line, bounded, no secrets-looking tokens. */
export function sanitizeSummary(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const redacted = oneLine
    .replace(/\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]+/g, '[REDACTED]')
    .replace(/\b[A-Za-z0-9_-]{32,}\b/g, '[REDACTED]');
  return redacted.length > 300 ? `${redacted.slice(0, 297)}...` : redacted;
}

/** Retry-After as seconds (delta or HTTP date); undefined when absent or unparsable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
