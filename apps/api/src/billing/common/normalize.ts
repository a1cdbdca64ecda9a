import type { Money, ResolvedConnection, ResourceOrigin } from '@app/providers';

/**
 * Where a resource came from, taken from the resolved connection rather than from the adapter's
 * output, so every response names the connection it was really read from.
 */
export const originOf = (resolved: ResolvedConnection): ResourceOrigin => ({
  provider: resolved.adapter.id,
  connectionId: resolved.connection.id,
});

/** ISO 8601 UTC, or null for absent or unparseable values (never "Invalid Date"). */
export function isoOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export const moneyOrNull = (value: Money | null | undefined): Money | null =>
  value ? { amount: value.amount, currency: value.currency } : null;

export const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
