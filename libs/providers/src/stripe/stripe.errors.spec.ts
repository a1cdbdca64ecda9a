import Stripe from 'stripe';
import { stripeFailure, stripeForbidsRetry, summarizeStripeError } from './stripe.errors';
import { rememberUnreadableAnswer } from './stripe.sdk';

// The SDK's own error classes, built as its response handler builds them from a Stripe answer.
const apiError = (
  statusCode: number,
  raw: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  new Stripe.errors.StripeInvalidRequestError({ statusCode, headers, type: 'invalid_request_error', ...raw });
const connectionError = (code: string) =>
  new Stripe.errors.StripeConnectionError({
    message: 'connection',
    detail: Object.assign(new Error(code), { code }),
  });

describe('summarizeStripeError', () => {
  it('is "param: message", or whichever of the two exists', () => {
    expect(summarizeStripeError({ param: 'items[0][price]', message: "No such price: 'p_1'" })).toBe(
      "items[0][price]: No such price: 'p_1'",
    );
    expect(summarizeStripeError({ message: 'Bad request' })).toBe('Bad request');
    expect(summarizeStripeError({ param: 'limit' })).toBe('limit');
    expect(summarizeStripeError({})).toBeUndefined();
  });

  it("keeps key fragments out, even Stripe's masked form", () => {
    const summary = summarizeStripeError({ message: 'Invalid API Key provided: sk_test_****1234' });
    expect(summary).toBe('Invalid API Key provided: [REDACTED]');
    expect(summarizeStripeError({ message: 'key rk_live_abcdef is restricted' })).not.toContain('rk_live');
  });

  it('is one bounded line', () => {
    const summary = summarizeStripeError({ message: `line one\nline two ${'x '.repeat(400)}` })!;
    expect(summary).not.toContain('\n');
    expect(summary.length).toBeLessThanOrEqual(300);
  });
});

describe('stripeFailure', () => {
  it('maps an API error to its status with Retry-After and the safe summary', () => {
    const error = apiError(
      400,
      { param: 'customer', message: "No such customer: 'cus_x'" },
      { 'retry-after': '3' },
    );
    expect(stripeFailure(error)).toEqual({
      kind: 'http',
      status: 400,
      retryAfterSeconds: 3,
      summary: "customer: No such customer: 'cus_x'",
    });
    expect(stripeFailure(new Stripe.errors.StripeAuthenticationError({ statusCode: 401 }))).toMatchObject({
      kind: 'http',
      status: 401,
    });
    expect(stripeFailure(new Stripe.errors.StripeRateLimitError({ statusCode: 429 }))).toMatchObject({
      status: 429,
    });
  });

  it('maps SDK and connect timeouts to timeout, other socket errors to network', () => {
    expect(stripeFailure(connectionError('ETIMEDOUT'))).toEqual({ kind: 'timeout' });
    expect(stripeFailure(connectionError('ECONNTIMEOUT'))).toEqual({ kind: 'timeout' });
    expect(stripeFailure(connectionError('ECONNREFUSED'))).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
    expect(stripeFailure(new Stripe.errors.StripeConnectionError({ message: 'x' }))).toEqual({
      kind: 'network',
      code: undefined,
    });
  });

  it('tells a garbled 2xx from an error page that is not JSON', () => {
    const unreadable = (status: number, headers: Record<string, string> = {}) => {
      const parseError = new SyntaxError('Unexpected token');
      rememberUnreadableAnswer(parseError, { status, headers });
      return new Stripe.errors.StripeAPIError({
        message: 'Invalid JSON received from the Stripe API',
        exception: parseError,
      } as never);
    };
    expect(stripeFailure(unreadable(200))).toEqual({ kind: 'invalid-response', status: 200 });
    expect(stripeFailure(unreadable(429, { 'retry-after': '7' }))).toEqual({
      kind: 'http',
      status: 429,
      retryAfterSeconds: 7,
    });
  });

  it('leaves errors that are not upstream failures alone', () => {
    expect(stripeFailure(new Error('programming error'))).toBeUndefined();
    expect(stripeFailure(new Stripe.errors.StripeAPIError({ message: 'no status' }))).toBeUndefined();
  });
});

describe('stripeForbidsRetry', () => {
  it('is true only for Stripe-Should-Retry: false', () => {
    expect(stripeForbidsRetry(apiError(429, {}, { 'stripe-should-retry': 'false' }))).toBe(true);
    expect(stripeForbidsRetry(apiError(429, {}, { 'stripe-should-retry': 'true' }))).toBe(false);
    expect(stripeForbidsRetry(apiError(429))).toBe(false);
    expect(stripeForbidsRetry(new Error('x'))).toBe(false);
  });
});
