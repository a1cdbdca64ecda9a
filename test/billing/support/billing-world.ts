import { createAmpersandFake } from '../../fakes/ampersand-fake';
import { CONNECTION_BODIES } from '../../fakes/connection-bodies';
import type { RecordedRequest } from '../../fakes/fake-server';
import { createPrefectFake } from '../../fakes/prefect-fake';
import { createQoveryFake } from '../../fakes/qovery-fake';
import { createStripeFake } from '../../fakes/stripe-fake';
import { bearer, createTestApp, TestApp } from '../../support/app';
import { createConnection, createTenantWithKey, TenantFixture } from '../../support/fixtures';

export const PROVIDERS = ['stripe', 'qovery', 'prefect', 'ampersand'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The origin every world tenant allows for return URLs and browser calls. */
export const APP_ORIGIN = 'https://app.billing-test.example';

/**
 * One real api (real PostgreSQL and Redis) whose four provider base URLs point at the four fakes,
 * and a tenant with one connection per provider whose credentials and accounts are the ones the
 * fakes were seeded with. The Stripe connection is the tenant's primary (created first).
 */
export interface BillingWorld {
  test: TestApp;
  stripe: ReturnType<typeof createStripeFake>;
  qovery: ReturnType<typeof createQoveryFake>;
  prefect: ReturnType<typeof createPrefectFake>;
  ampersand: ReturnType<typeof createAmpersandFake>;
  tenant: TenantFixture;
  auth: { Authorization: string };
  connections: Record<Provider, string>;
  /** Requests a provider's fake received since the last `forgetRequests()`. */
  requestsTo(provider: Provider): RecordedRequest[];
  forgetRequests(): void;
  close(): Promise<void>;
}

export interface BillingWorldOptions {
  stripeInvoices?: number;
  qoveryInvoices?: number;
  allowedOrigins?: string[];
  /** Extra configuration of the app (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
}

export { CONNECTION_BODIES };

export async function startBillingWorld(options: BillingWorldOptions = {}): Promise<BillingWorld> {
  const stripe = createStripeFake({ invoiceCount: options.stripeInvoices ?? 12 });
  const qovery = createQoveryFake({ invoices: options.qoveryInvoices ?? 12 });
  const prefect = createPrefectFake();
  const ampersand = createAmpersandFake();
  const servers = {
    stripe: stripe.server,
    qovery: qovery.server,
    prefect: prefect.server,
    ampersand: ampersand.server,
  };
  let test: TestApp | undefined;
  const close = async () => {
    await test?.close();
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  };
  try {
    const [stripeUrl, qoveryUrl, prefectUrl, ampersandUrl] = await Promise.all([
      stripe.server.start(),
      qovery.start(),
      prefect.start(),
      ampersand.start(),
    ]);
    test = await createTestApp({
      STRIPE_API_BASE_URL: stripeUrl!,
      QOVERY_API_BASE_URL: qoveryUrl!,
      PREFECT_API_BASE_URL: prefectUrl!,
      AMPERSAND_API_BASE_URL: ampersandUrl!,
      // Failures are tested by the adapters' own suites; here a failure should surface at once.
      UPSTREAM_MAX_RETRIES: '0',
      ...options.env,
    });
    const tenant = await createTenantWithKey(
      test,
      options.allowedOrigins ?? [APP_ORIGIN, 'http://localhost:5173'],
    );
    const connections = {} as Record<Provider, string>;
    for (const provider of PROVIDERS) {
      connections[provider] = await createConnection(test, tenant.tenantId, CONNECTION_BODIES[provider]);
    }
    return {
      test,
      stripe,
      qovery,
      prefect,
      ampersand,
      tenant,
      auth: bearer(tenant.apiKey),
      connections,
      requestsTo: (provider) => servers[provider].requests,
      forgetRequests: () => Object.values(servers).forEach((server) => (server.requests.length = 0)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `?connectionId=` for reads. */
export const on = (world: BillingWorld, provider: Provider) => ({
  connectionId: world.connections[provider],
});
