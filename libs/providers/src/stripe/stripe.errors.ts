import Stripe from 'stripe';
import { parseRetryAfter, sanitizeSummary, type UpstreamFailure } from '../upstream/upstream-failure';
import type { StripeErrorBody } from './stripe.wire';
import { unreadableAnswerOf } from './stripe.sdk';

/** The SDK's codes for a request that ran out of time (its own timeout, our agent's connect timeout). */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNTIMEOUT']);

/** Stripe masks keys in its messages (`sk_test_****1234`); even the mask stays out of summaries. */
const KEY_FRAGMENT = /\b(sk|rk|pk)_(test|live)_[*A-Za-z0-9]*/g;

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** `param: message` of a Stripe error, one line, without key fragments; never the raw body. */
export function summarizeStripeError(error: Partial<StripeErrorBody>): string | undefined {
  const message =
    typeof error.message === 'string' ? error.message.replace(KEY_FRAGMENT, '[REDACTED]') : undefined;
  const param = typeof error.param === 'string' && error.param !== '' ? error.param : undefined;
  return sanitizeSummary(param && message ? `${param}: ${message}` : (message ?? param));
}

/**
 * What a failed SDK call means for the shared error table. Connection errors carry the socket
 * error's code (timeouts: ETIMEDOUT from the SDK, ECONNTIMEOUT from our connect timeout); API
 * errors carry Stripe's status, headers and `{type, code, param, message}`. Anything else (a
 * programming error) is not an upstream failure: undefined.
 */
export function stripeFailure(error: unknown): UpstreamFailure | undefined {
  if (!(error instanceof Stripe.errors.StripeError)) return undefined;
  if (error instanceof Stripe.errors.StripeConnectionError) {
    const code = (error.detail as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return { kind: 'timeout' };
    return { kind: 'network', code: typeof code === 'string' ? code : undefined };
  }
  const unreadable = unreadableAnswerOf(error);
  if (unreadable) {
    // A 2xx that is not JSON is a broken answer; an error status with an HTML page is that status.
    if (unreadable.status < 400) return { kind: 'invalid-response', status: unreadable.status };
    return {
      kind: 'http',
      status: unreadable.status,
      retryAfterSeconds: parseRetryAfter(headerValue(unreadable.headers['retry-after'])),
    };
  }
  if (typeof error.statusCode !== 'number') return undefined;
  return {
    kind: 'http',
    status: error.statusCode,
    retryAfterSeconds: parseRetryAfter(error.headers?.['retry-after']),
    summary: summarizeStripeError({ param: error.param, message: error.message }),
  };
}

/** Stripe's explicit "do not retry this" (`Stripe-Should-Retry: false`), which the SDK also obeys. */
export function stripeForbidsRetry(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.headers?.['stripe-should-retry'] === 'false';
}
