import { createHash } from 'node:crypto';
import { adminAuth, bearer, createTestApp, TestApp } from '../support/app';
import { createTenantWithKey, TenantFixture } from '../support/fixtures';
import { expectProblem, problemFields } from '../support/problem';

const UNKNOWN_ID = '0190a6f2-0000-7000-8000-000000000000';
// bgw_ + base64url of at least 32 random bytes (43 characters without padding).
const SECRET_FORMAT = /^bgw_[A-Za-z0-9_-]{43,}$/;

describe('admin: tenant API keys', () => {
  let test: TestApp;
  let tenant: TenantFixture;
  beforeAll(async () => {
    test = await createTestApp();
    tenant = await createTenantWithKey(test);
  });
  afterAll(() => test.close());

  const keysPath = () => `/admin/tenants/${tenant.tenantId}/api-keys`;

  it('creates a key and returns its secret exactly once', async () => {
    const response = await test.http.post(keysPath()).set(adminAuth).send({ name: 'backend' }).expect(201);
    const { secret, ...rest } = response.body;
    expect(secret).toMatch(SECRET_FORMAT);
    expect(Buffer.from(secret.slice(4), 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(rest).toEqual({
      id: expect.any(String),
      tenantId: tenant.tenantId,
      name: 'backend',
      prefix: secret.slice(0, 10),
      lastUsedAt: null,
      revokedAt: null,
      createdAt: expect.stringMatching(/Z$/),
    });

    // Only a hash is stored; the listing and the database never show the secret.
    const row = await test.prisma.tenantApiKey.findUniqueOrThrow({ where: { id: rest.id } });
    expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await test.http.get(keysPath()).set(adminAuth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    for (const key of list.body) {
      expect(Object.keys(key).sort()).toEqual(
        ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'tenantId'].sort(),
      );
    }
    expect(list.body.map((key: { id: string }) => key.id)).toContain(rest.id);

    await test.http.get('/v1/tenant').set(bearer(secret)).expect(200);
  });

  it('generates a different secret every time', async () => {
    const secrets = new Set<string>();
    for (let index = 0; index < 3; index++) {
      secrets.add(
        (
          await test.http
            .post(keysPath())
            .set(adminAuth)
            .send({ name: `k${index}` })
            .expect(201)
        ).body.secret,
      );
    }
    expect(secrets.size).toBe(3);
  });

  it('records when a key was last used', async () => {
    const key = await test.http.post(keysPath()).set(adminAuth).send({ name: 'usage' }).expect(201);
    await test.http.get('/v1/tenant').set(bearer(key.body.secret)).expect(200);
    // The timestamp is written after the response, without delaying it: poll briefly.
    let lastUsedAt: Date | null = null;
    for (let attempt = 0; attempt < 50 && !lastUsedAt; attempt++) {
      lastUsedAt = (await test.prisma.tenantApiKey.findUniqueOrThrow({ where: { id: key.body.id } }))
        .lastUsedAt;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(lastUsedAt).toBeInstanceOf(Date);
  });

  it('revokes a key: the next request with it gets 401, other keys keep working', async () => {
    const key = await test.http.post(keysPath()).set(adminAuth).send({ name: 'to revoke' }).expect(201);
    await test.http.get('/v1/tenant').set(bearer(key.body.secret)).expect(200);

    await test.http.delete(`${keysPath()}/${key.body.id}`).set(adminAuth).expect(204);
    const refused = await test.http.get('/v1/tenant').set(bearer(key.body.secret));
    expectProblem(refused, 401, 'unauthenticated', '/v1/tenant');
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    await test.http.get('/v1/tenant').set(bearer(tenant.apiKey)).expect(200);

    const listed = (await test.http.get(keysPath()).set(adminAuth).expect(200)).body.find(
      (item: { id: string }) => item.id === key.body.id,
    );
    expect(listed.revokedAt).toEqual(expect.stringMatching(/Z$/));
    // Revoking again is harmless.
    await test.http.delete(`${keysPath()}/${key.body.id}`).set(adminAuth).expect(204);
  });

  it('answers 404 for unknown tenants and keys, and 400 for invalid input', async () => {
    const unknownTenant = `/admin/tenants/${UNKNOWN_ID}/api-keys`;
    expectProblem(await test.http.post(unknownTenant).set(adminAuth).send({ name: 'x' }), 404, 'not-found');
    expectProblem(await test.http.get(unknownTenant).set(adminAuth), 404, 'not-found');
    expectProblem(await test.http.delete(`${keysPath()}/${UNKNOWN_ID}`).set(adminAuth), 404, 'not-found');

    // A key of another tenant is not found through this tenant's path.
    const other = await createTenantWithKey(test);
    expectProblem(await test.http.delete(`${keysPath()}/${other.apiKeyId}`).set(adminAuth), 404, 'not-found');
    await test.http.get('/v1/tenant').set(bearer(other.apiKey)).expect(200);

    const invalid = await test.http.post(keysPath()).set(adminAuth).send({ name: '' });
    expect(problemFields(expectProblem(invalid, 400, 'validation-failed'))).toEqual(['name']);
    const badId = await test.http.delete(`${keysPath()}/not-a-uuid`).set(adminAuth);
    expect(problemFields(expectProblem(badId, 400, 'validation-failed'))).toEqual(['keyId']);
  });
});
