import { randomBytes } from 'node:crypto';
import type { TestApp } from './app';
import { adminAuth } from './app';

export const uniqueSlug = (prefix = 't') => `${prefix}-${randomBytes(5).toString('hex')}`;

export interface TenantFixture {
  tenantId: string;
  apiKey: string;
  apiKeyId: string;
}

/** A tenant with one API key, created through the admin API as a user would. */
export async function createTenantWithKey(
  test: TestApp,
  allowedReturnOrigins: string[] = ['https://app.example.com'],
): Promise<TenantFixture> {
  const tenant = await test.http
    .post('/admin/tenants')
    .set(adminAuth)
    .send({ name: 'Test tenant', slug: uniqueSlug(), allowedReturnOrigins })
    .expect(201);
  const key = await test.http
    .post(`/admin/tenants/${tenant.body.id}/api-keys`)
    .set(adminAuth)
    .send({ name: 'test key' })
    .expect(201);
  return { tenantId: tenant.body.id, apiKey: key.body.secret, apiKeyId: key.body.id };
}

/** Adds a provider connection to a tenant through the admin API; returns its id. */
export async function createConnection(
  test: TestApp,
  tenantId: string,
  body: {
    provider: string;
    credentials: { apiKey: string };
    account: object;
    settings?: object;
    isPrimary?: boolean;
    name?: string;
  },
): Promise<string> {
  const response = await test.http
    .post(`/admin/tenants/${tenantId}/connections`)
    .set(adminAuth)
    .send(body)
    .expect(201);
  return response.body.id;
}

export type ConnectionBody = Parameters<typeof createConnection>[2];

/** A valid connection body per provider; secrets are distinctive so leaks are easy to spot. */
export const CONNECTION_EXAMPLES: Record<'stripe' | 'qovery' | 'prefect' | 'ampersand', ConnectionBody> = {
  stripe: {
    provider: 'stripe',
    credentials: { apiKey: 'sk_test_fixtureStripeKey0001' },
    account: { customerId: 'cus_Fixture0001' },
    settings: { portalConfigurationId: 'bpc_Fixture0001' },
  },
  qovery: {
    provider: 'qovery',
    credentials: { apiKey: 'qov_fixture_token_0002' },
    account: { organizationId: '5e0a9b3c-2f5d-4a5e-9d8e-1f2a3b4c5d6e' },
  },
  prefect: {
    provider: 'prefect',
    credentials: { apiKey: 'pnu_fixture_token_0003' },
    account: { accountId: '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d' },
  },
  ampersand: {
    provider: 'ampersand',
    credentials: { apiKey: 'amp_fixture_token_0004' },
    account: { billingAccountId: 'ba_fixture', orgId: 'org_fixture' },
    settings: { timeout: 3600 },
  },
};
