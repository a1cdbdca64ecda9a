import { ErrorType, GatewayError } from '@app/errors';
import { backoffMs, rateLimitOf } from './poll-backoff';

describe('poll back-off', () => {
  const policy = { baseMs: 60_000, maxMs: 3_600_000 };

  it('doubles with each 429 in a row, up to the maximum', () => {
    expect([1, 2, 3, 4, 10].map((count) => backoffMs(policy, count))).toEqual([
      60_000, 120_000, 240_000, 480_000, 3_600_000,
    ]);
  });

  it('waits at least as long as the provider asked, but never beyond the maximum', () => {
    expect(backoffMs(policy, 1, 600)).toBe(600_000);
    expect(backoffMs(policy, 3, 1)).toBe(240_000);
    expect(backoffMs(policy, 1, 86_400)).toBe(3_600_000);
  });

  it("reads Retry-After from a provider's rate-limit error only", () => {
    const limited = (headers?: Record<string, string>) =>
      new GatewayError(ErrorType.ProviderRateLimited, 'slow down', { headers });
    expect(rateLimitOf(limited({ 'Retry-After': '30' }))).toEqual({ retryAfterSeconds: 30 });
    expect(rateLimitOf(limited())).toEqual({ retryAfterSeconds: undefined });
    expect(rateLimitOf(new GatewayError(ErrorType.ProviderUnavailable, 'down'))).toBeNull();
    expect(rateLimitOf(new Error('boom'))).toBeNull();
  });
});
