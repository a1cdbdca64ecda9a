/** Exponential backoff with full jitter, capped; an upstream Retry-After wins when it is longer. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5_000 };

export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds?: number,
  random = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  if (retryAfterSeconds === undefined) return jittered;
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterSeconds * 1_000));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
