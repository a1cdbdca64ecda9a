import { ApiProblems } from '@app/errors';

/**
 * Problems every provider-backed route can return: 400 validation, 404 unknown connection (or the
 * provider has no such resource), 429/502/504 upstream failures, 501 unsupported by the provider.
 * Writes add 422 (the provider rejected the input). 401 comes with TenantAuth().
 */
export const ApiBillingProblems = (...extra: number[]) =>
  ApiProblems(...[400, 404, 429, 501, 502, 504, ...extra].sort((a, b) => a - b));

const PROVIDER_NAMES: Record<string, string> = {
  stripe: 'Stripe',
  qovery: 'Qovery',
  prefect: 'Prefect Cloud',
  ampersand: 'Ampersand',
};

/** `{stripe: value, ...}` → OpenAPI `examples`, one per provider, titled with its name. */
export function providerExamples(values: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(values).map(([provider, value]) => [
      provider,
      { summary: PROVIDER_NAMES[provider] ?? provider, value },
    ]),
  );
}
