import { ErrorType, GatewayError } from '@app/errors';
import { ProviderId } from '../provider-id';
import { sanitizeSummary } from '../upstream/upstream-failure';

// Card numbers are sent to Qovery (addCreditCard); an error message echoing one must not travel on.
const CARD_NUMBER = /\b\d(?:[ -]?\d){11,18}\b/g;

/**
 * Qovery declares its 4xx responses without a body schema, so the shape is unknown: take the first
 * of `message`, `error` or `detail` that is a string, else nothing (the status alone then speaks).
 */
export function summarizeQoveryError(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  const text = [fields.message, fields.error, fields.detail].find((value) => typeof value === 'string');
  return sanitizeSummary(typeof text === 'string' ? text.replace(CARD_NUMBER, '[REDACTED]') : undefined);
}

/** A 2xx whose body lacks what the operation promises (e.g. no `url`): the gateway cannot use it. */
export function qoveryAnsweredWithout(field: string, status = 200): GatewayError {
  return new GatewayError(
    ErrorType.ProviderInvalidResponse,
    `${ProviderId.qovery} answered ${status} without the expected "${field}".`,
    { extensions: { provider: ProviderId.qovery, upstreamStatus: status, retryable: false } },
  );
}
