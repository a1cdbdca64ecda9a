import { adminAuth, bearer, createTestApp, TestApp } from '../support/app';
import { CONNECTION_EXAMPLES, createConnection, createTenantWithKey, uniqueSlug } from '../support/fixtures';
import { expectProblem, problemFields } from '../support/problem';

const UNKNOWN_ID = '0190a6f2-0000-7000-8000-000000000000';

describe('admin: tenants', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  const createTenant = (body: object) => test.http.post('/admin/tenants').set(adminAuth).send(body);

  it('creates a tenant and returns it', async () => {
    const slug = uniqueSlug('acme');
    const response = await createTenant({
      name: 'Acme',
      slug,
      allowedReturnOrigins: ['https://app.acme.com', 'http://localhost:3000'],
    }).expect(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme',
      slug,
      allowedReturnOrigins: ['https://app.acme.com', 'http://localhost:3000'],
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    });
    const fetched = await test.http.get(`/admin/tenants/${response.body.id}`).set(adminAuth).expect(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('defaults allowedReturnOrigins to an empty list', async () => {
    const response = await createTenant({ name: 'No origins', slug: uniqueSlug() }).expect(201);
    expect(response.body.allowedReturnOrigins).toEqual([]);
  });

  it('rejects invalid fields, naming each one', async () => {
    const response = await createTenant({
      name: '',
      slug: '-Bad Slug-',
      allowedReturnOrigins: ['https://ok.example.com/with/path'],
    });
    const problem = expectProblem(response, 400, 'validation-failed', '/admin/tenants');
    expect(problemFields(problem)).toEqual(expect.arrayContaining(['name', 'slug', 'allowedReturnOrigins']));
  });

  it('lists tenants with cursor pagination, walking every page once, oldest first', async () => {
    const created: string[] = [];
    for (let index = 0; index < 5; index++) {
      created.push(
        (await createTenant({ name: `Page ${index}`, slug: uniqueSlug('page') }).expect(201)).body.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { limit: 2, ...(cursor ? { cursor } : {}) };
      const page = await test.http.get('/admin/tenants').query(query).set(adminAuth).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      expect(page.body.hasMore).toBe(page.body.nextCursor !== null);
      seen.push(...page.body.data.map((tenant: { id: string }) => tenant.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen); // uuid v7 ids: ascending means oldest first
    expect(seen.filter((id) => created.includes(id))).toEqual(created);
  });

  it('uses a default page size and rejects bad paging parameters', async () => {
    const page = await test.http.get('/admin/tenants').set(adminAuth).expect(200);
    expect(page.body.data.length).toBeLessThanOrEqual(20);
    for (const query of [{ limit: 0 }, { limit: 101 }, { limit: 'ten' }]) {
      const response = await test.http.get('/admin/tenants').query(query).set(adminAuth);
      expect(new Set(problemFields(expectProblem(response, 400, 'validation-failed')))).toEqual(
        new Set(['limit']),
      );
    }
    const forged = await test.http
      .get('/admin/tenants')
      .query({ cursor: 'eyJhZnRlciI6IngifQ.forged' })
      .set(adminAuth);
    expect(problemFields(expectProblem(forged, 400, 'validation-failed'))).toEqual(['cursor']);
  });

  it('updates name, slug and origins', async () => {
    const { body: tenant } = await createTenant({ name: 'Before', slug: uniqueSlug() }).expect(201);
    const slug = uniqueSlug('after');
    const response = await test.http
      .patch(`/admin/tenants/${tenant.id}`)
      .set(adminAuth)
      .send({ name: 'After', slug, allowedReturnOrigins: ['https://after.example.com'] })
      .expect(200);
    expect(response.body).toMatchObject({
      id: tenant.id,
      name: 'After',
      slug,
      allowedReturnOrigins: ['https://after.example.com'],
      createdAt: tenant.createdAt,
    });
    expect(Date.parse(response.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(tenant.updatedAt));
    const fetched = await test.http.get(`/admin/tenants/${tenant.id}`).set(adminAuth).expect(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('refuses a duplicate slug on create and on update with 409', async () => {
    const slug = uniqueSlug('dup');
    await createTenant({ name: 'First', slug }).expect(201);
    expectProblem(await createTenant({ name: 'Second', slug }), 409, 'conflict', '/admin/tenants');
    const { body: other } = await createTenant({ name: 'Other', slug: uniqueSlug() }).expect(201);
    const update = await test.http.patch(`/admin/tenants/${other.id}`).set(adminAuth).send({ slug });
    expectProblem(update, 409, 'conflict', `/admin/tenants/${other.id}`);
  });

  it('answers 404 for an unknown tenant on get, update and delete', async () => {
    expectProblem(await test.http.get(`/admin/tenants/${UNKNOWN_ID}`).set(adminAuth), 404, 'not-found');
    const patch = await test.http.patch(`/admin/tenants/${UNKNOWN_ID}`).set(adminAuth).send({ name: 'x' });
    expectProblem(patch, 404, 'not-found');
    expectProblem(await test.http.delete(`/admin/tenants/${UNKNOWN_ID}`).set(adminAuth), 404, 'not-found');
  });

  it('deletes a tenant with its API keys and connections; its key gets 401 at once', async () => {
    const tenant = await createTenantWithKey(test);
    await createConnection(test, tenant.tenantId, CONNECTION_EXAMPLES.stripe);
    await createConnection(test, tenant.tenantId, CONNECTION_EXAMPLES.qovery);
    await test.http.get('/v1/tenant').set(bearer(tenant.apiKey)).expect(200);

    const deleted = await test.http.delete(`/admin/tenants/${tenant.tenantId}`).set(adminAuth).expect(204);
    expect(deleted.text).toBe('');

    expectProblem(await test.http.get('/v1/tenant').set(bearer(tenant.apiKey)), 401, 'unauthenticated');
    expectProblem(await test.http.get(`/admin/tenants/${tenant.tenantId}`).set(adminAuth), 404, 'not-found');
    expect(await test.prisma.tenantApiKey.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
    expect(await test.prisma.providerConnection.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
  });
});
