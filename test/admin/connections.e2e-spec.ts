import { ConnectionCredentials } from '@app/persistence';
import { adminAuth, createTestApp, TestApp } from '../support/app';
import { CONNECTION_EXAMPLES, ConnectionBody, createTenantWithKey } from '../support/fixtures';
import { expectProblem, problemFields } from '../support/problem';

const UNKNOWN_ID = '0190a6f2-0000-7000-8000-000000000000';

describe('admin: provider connections', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  const path = (tenantId: string, connectionId = '') =>
    `/admin/tenants/${tenantId}/connections${connectionId ? `/${connectionId}` : ''}`;
  const create = (tenantId: string, body: ConnectionBody | object) =>
    test.http.post(path(tenantId)).set(adminAuth).send(body);
  const primaries = async (tenantId: string) =>
    (await test.http.get(path(tenantId)).set(adminAuth).expect(200)).body
      .filter((connection: { isPrimary: boolean }) => connection.isPrimary)
      .map((connection: { id: string }) => connection.id);

  it.each(Object.entries(CONNECTION_EXAMPLES))(
    'creates a %s connection with masked credentials',
    async (provider, body) => {
      const { tenantId } = await createTenantWithKey(test);
      const response = await create(tenantId, body).expect(201);
      const apiKey = body.credentials.apiKey;
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId,
        provider,
        name: expect.any(String),
        isPrimary: true, // the first connection of a tenant is its primary
        account: body.account,
        settings: body.settings ?? {},
        credentials: { apiKey: `••••${apiKey.slice(-4)}` },
        pollIntervalSeconds: null, // the default interval
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      expect(JSON.stringify(response.body)).not.toContain(apiKey);
      const fetched = await test.http.get(path(tenantId, response.body.id)).set(adminAuth).expect(200);
      expect(fetched.body).toEqual(response.body);
      const listed = await test.http.get(path(tenantId)).set(adminAuth).expect(200);
      expect(listed.body).toEqual([response.body]);
    },
  );

  it.each([
    ['qovery', { organizationId: 'not-a-uuid' }, 'account.organizationId'],
    ['stripe', {}, 'account.customerId'],
    ['prefect', { accountId: '42' }, 'account.accountId'],
    ['ampersand', { billingAccountId: 'ba_1', extra: true }, 'account.extra'],
  ])('rejects an invalid %s account, naming %s', async (provider, account, field) => {
    const { tenantId } = await createTenantWithKey(test);
    const body = { ...CONNECTION_EXAMPLES[provider as keyof typeof CONNECTION_EXAMPLES], account };
    const problem = expectProblem(await create(tenantId, body), 400, 'validation-failed', path(tenantId));
    expect(problemFields(problem)).toContain(field);
    expect(await test.prisma.providerConnection.count({ where: { tenantId } })).toBe(0);
  });

  it('rejects invalid credentials, settings and providers, naming the field', async () => {
    const { tenantId } = await createTenantWithKey(test);
    const cases: Array<[object, string]> = [
      [{ ...CONNECTION_EXAMPLES.stripe, credentials: { apiKey: 'not-a-stripe-key' } }, 'credentials.apiKey'],
      [{ ...CONNECTION_EXAMPLES.qovery, credentials: {} }, 'credentials.apiKey'],
      [{ ...CONNECTION_EXAMPLES.qovery, settings: { unknownOption: 1 } }, 'settings.unknownOption'],
      [{ ...CONNECTION_EXAMPLES.ampersand, settings: { timeout: 5 } }, 'settings.timeout'],
      [{ ...CONNECTION_EXAMPLES.stripe, provider: 'paypal' }, 'provider'],
    ];
    for (const [body, field] of cases) {
      expect(problemFields(expectProblem(await create(tenantId, body), 400, 'validation-failed'))).toContain(
        field,
      );
    }
    expectProblem(await create(UNKNOWN_ID, CONNECTION_EXAMPLES.stripe), 404, 'not-found');
  });

  it('renames, changes account and settings, and rotates credentials', async () => {
    const { tenantId } = await createTenantWithKey(test);
    const { body: created } = await create(tenantId, CONNECTION_EXAMPLES.stripe).expect(201);
    const patch = (body: object) => test.http.patch(path(tenantId, created.id)).set(adminAuth).send(body);

    expect((await patch({ name: 'Stripe EU' }).expect(200)).body.name).toBe('Stripe EU');
    const account = (await patch({ account: { customerId: 'cus_Changed42' } }).expect(200)).body;
    expect(account.account).toEqual({ customerId: 'cus_Changed42' });
    const settings = (await patch({ settings: { portalConfigurationId: 'bpc_Other7' } }).expect(200)).body;
    expect(settings.settings).toEqual({ portalConfigurationId: 'bpc_Other7' });

    const rotated = await patch({ credentials: { apiKey: 'sk_test_rotatedSecret9876' } }).expect(200);
    expect(rotated.body.credentials).toEqual({ apiKey: '••••9876' });
    expect(rotated.body).toMatchObject({ name: 'Stripe EU', account: { customerId: 'cus_Changed42' } });
    const row = await test.prisma.providerConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(test.app.get(ConnectionCredentials).open(row)).toEqual({ apiKey: 'sk_test_rotatedSecret9876' });

    // Updates are validated against the connection's provider too.
    const invalid = await patch({ account: { customerId: 'acct_wrong' } });
    expect(problemFields(expectProblem(invalid, 400, 'validation-failed'))).toEqual(['account.customerId']);
    const unknown = await patch({ provider: 'qovery' });
    expect(problemFields(expectProblem(unknown, 400, 'validation-failed'))).toEqual(['provider']);
  });

  it('makes another connection primary; the previous primary stops being it', async () => {
    const { tenantId } = await createTenantWithKey(test);
    const first = (await create(tenantId, CONNECTION_EXAMPLES.stripe).expect(201)).body;
    const second = (await create(tenantId, CONNECTION_EXAMPLES.qovery).expect(201)).body;
    expect(second.isPrimary).toBe(false);
    expect(await primaries(tenantId)).toEqual([first.id]);

    const promoted = await test.http
      .patch(path(tenantId, second.id))
      .set(adminAuth)
      .send({ isPrimary: true });
    expect(promoted.status).toBe(200);
    expect(promoted.body.isPrimary).toBe(true);
    expect(await primaries(tenantId)).toEqual([second.id]);
    expect((await test.http.get(path(tenantId, first.id)).set(adminAuth).expect(200)).body.isPrimary).toBe(
      false,
    );

    const third = (await create(tenantId, { ...CONNECTION_EXAMPLES.prefect, isPrimary: true }).expect(201))
      .body;
    expect(third.isPrimary).toBe(true);
    expect(await primaries(tenantId)).toEqual([third.id]);
  });

  it('has the database enforce at most one primary connection per tenant', async () => {
    const { tenantId } = await createTenantWithKey(test);
    await create(tenantId, CONNECTION_EXAMPLES.stripe).expect(201);
    await create(tenantId, CONNECTION_EXAMPLES.qovery).expect(201);
    await expect(
      test.prisma.$executeRawUnsafe(
        'UPDATE provider_connections SET is_primary = true WHERE tenant_id = $1::uuid',
        tenantId,
      ),
    ).rejects.toThrow(/provider_connections_one_primary_per_tenant|unique/i);
    expect(await primaries(tenantId)).toHaveLength(1);
  });

  it('deletes a connection', async () => {
    const { tenantId } = await createTenantWithKey(test);
    const { body: created } = await create(tenantId, CONNECTION_EXAMPLES.ampersand).expect(201);
    await test.http.delete(path(tenantId, created.id)).set(adminAuth).expect(204);
    expectProblem(await test.http.get(path(tenantId, created.id)).set(adminAuth), 404, 'not-found');
    expectProblem(await test.http.delete(path(tenantId, created.id)).set(adminAuth), 404, 'not-found');
    expect((await test.http.get(path(tenantId)).set(adminAuth).expect(200)).body).toEqual([]);
  });

  it('never shows a connection through another tenant', async () => {
    const owner = await createTenantWithKey(test);
    const stranger = await createTenantWithKey(test);
    const { body: created } = await create(owner.tenantId, CONNECTION_EXAMPLES.stripe).expect(201);
    for (const request of [
      test.http.get(path(stranger.tenantId, created.id)),
      test.http.patch(path(stranger.tenantId, created.id)).send({ name: 'hijack' }),
      test.http.delete(path(stranger.tenantId, created.id)),
    ]) {
      expectProblem(await request.set(adminAuth), 404, 'not-found');
    }
    expect((await test.http.get(path(owner.tenantId, created.id)).set(adminAuth).expect(200)).body.name).toBe(
      'Stripe',
    );
  });
});
