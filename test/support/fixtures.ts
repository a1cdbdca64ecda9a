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
