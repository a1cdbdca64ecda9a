import { adminAuth, bearer, createTestApp, TestApp } from '../support/app';
import { createTenantWithKey } from '../support/fixtures';

describe('smoke', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  it('serves the tenant its own record', async () => {
    const tenant = await createTenantWithKey(test);
    const me = await test.http.get('/v1/tenant').set(bearer(tenant.apiKey)).expect(200);
    expect(me.body.id).toBe(tenant.tenantId);
    await test.http.get('/v1/tenant').set(adminAuth).expect(401);
  });
});
