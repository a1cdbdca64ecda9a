import type { createConnection } from '../support/fixtures';
import { AMPERSAND_FAKE_API_KEY, DEFAULT_AMPERSAND_ORG } from './ampersand-fake';
import { PREFECT_FAKE_ACCOUNT_ID, PREFECT_FAKE_API_KEY } from './prefect-fake';
import { QOVERY_FAKE_ORGANIZATION_ID, QOVERY_FAKE_TOKEN } from './qovery-fake';
import { STRIPE_FAKE } from './stripe-fake';

/**
 * Admin API bodies of a connection to each provider's fake (its credentials and account), for the
 * e2e worlds and the benchmark alike.
 */
export const CONNECTION_BODIES = {
  stripe: {
    provider: 'stripe',
    credentials: { apiKey: STRIPE_FAKE.apiKey },
    account: { customerId: STRIPE_FAKE.customerId },
    settings: { portalConfigurationId: STRIPE_FAKE.configurationId },
  },
  qovery: {
    provider: 'qovery',
    credentials: { apiKey: QOVERY_FAKE_TOKEN },
    account: { organizationId: QOVERY_FAKE_ORGANIZATION_ID },
  },
  prefect: {
    provider: 'prefect',
    credentials: { apiKey: PREFECT_FAKE_API_KEY },
    account: { accountId: PREFECT_FAKE_ACCOUNT_ID },
  },
  ampersand: {
    provider: 'ampersand',
    credentials: { apiKey: AMPERSAND_FAKE_API_KEY },
    account: { billingAccountId: DEFAULT_AMPERSAND_ORG.account.id, orgId: DEFAULT_AMPERSAND_ORG.orgId },
  },
} satisfies Record<string, Parameters<typeof createConnection>[2]>;
