/** Everything an adapter needs for one call on behalf of one connection (credentials decrypted). */
export interface ProviderCall<Account = Record<string, unknown>, Settings = Record<string, unknown>> {
  connectionId: string;
  account: Account;
  settings: Settings;
  credentials: { apiKey: string };
  /** Caller's Idempotency-Key for writes; adapters that support idempotency generate one otherwise. */
  idempotencyKey?: string;
}
