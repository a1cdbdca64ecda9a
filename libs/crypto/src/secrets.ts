import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** URL-safe random token of `bytes` random bytes. */
export const randomToken = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** Constant-time string comparison; hashing first makes the inputs equal-length. */
export function constantTimeEquals(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** `••••abcd`: the last four characters of a secret, for humans telling credentials apart. */
export const maskSecret = (secret: string): string => `••••${secret.slice(-4)}`;
