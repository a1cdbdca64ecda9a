import {
  createPrefectFake,
  PREFECT_FAKE_ACCOUNT_ID,
  PREFECT_FAKE_API_KEY,
  type PrefectFake,
} from '../fakes/prefect-fake';
import {
  createQoveryFake,
  QOVERY_FAKE_ORGANIZATION_ID,
  QOVERY_FAKE_TOKEN,
  type QoveryFake,
} from '../fakes/qovery-fake';
import { adminAuth, bearer, createTestApp, type TestApp } from '../support/app';
import { createConnection, createTenantWithKey, type TenantFixture } from '../support/fixtures';

const PROBLEM = /application\/problem\+json/;

describe('native operations API', () => {
  let qovery: QoveryFake;
  let prefect: PrefectFake;
  let test: TestApp;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;
  let qoveryConnection: string;
  let prefectConnection: string;

  const upstreamCalls = () =>
    qovery.server.requests.filter((request) => request.path.startsWith('/organization/'));

  beforeAll(async () => {
    qovery = createQoveryFake({ invoices: 3 });
    prefect = createPrefectFake();
    const [qoveryUrl, prefectUrl] = await Promise.all([qovery.start(), prefect.start()]);
    test = await createTestApp({ QOVERY_API_BASE_URL: qoveryUrl, PREFECT_API_BASE_URL: prefectUrl });
    tenantA = await createTenantWithKey(test);
    tenantB = await createTenantWithKey(test);
    qoveryConnection = await createConnection(test, tenantA.tenantId, {
      provider: 'qovery',
      credentials: { apiKey: QOVERY_FAKE_TOKEN },
      account: { organizationId: QOVERY_FAKE_ORGANIZATION_ID },
    });
    prefectConnection = await createConnection(test, tenantB.tenantId, {
      provider: 'prefect',
      credentials: { apiKey: PREFECT_FAKE_API_KEY },
      account: { accountId: PREFECT_FAKE_ACCOUNT_ID },
    });
  });
  afterAll(async () => {
    await test?.close();
    await Promise.all([qovery?.stop(), prefect?.stop()]);
  });
  beforeEach(() => qovery.server.reset());

  it("lists only the operations of the tenant's own providers, with their connections and hints", async () => {
    const response = await test.http.get('/v1/native/operations').set(bearer(tenantA.apiKey)).expect(200);
    expect(response.body).toHaveLength(16);
    expect(new Set(response.body.map((op: { provider: string }) => op.provider))).toEqual(
      new Set(['qovery']),
    );
    const pdf = response.body.find(
      (op: { operationId: string }) => op.operationId === 'getOrganizationInvoicePDF',
    );
    expect(pdf).toMatchObject({
      method: 'GET',
      path: '/organization/{organizationId}/invoice/{invoiceId}/download',
      hints: { readOnly: true, destructive: false, idempotent: true },
      fixedParameters: ['organizationId'],
      connectionIds: [qoveryConnection],
    });
    const deleteCard = response.body.find(
      (op: { operationId: string }) => op.operationId === 'deleteCreditCard',
    );
    expect(deleteCard.hints.destructive).toBe(true);

    const other = await test.http.get('/v1/native/operations').set(bearer(tenantB.apiKey)).expect(200);
    expect(other.body).toHaveLength(8);
    expect(
      other.body.every((op: { connectionIds: string[] }) => op.connectionIds[0] === prefectConnection),
    ).toBe(true);
  });

  it("runs a catalogued operation with the account taken from the connection, returning the provider's answer", async () => {
    const invoiceId = qovery.state.invoices[0]!.id;
    const response = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/getOrganizationInvoice`)
      .set(bearer(tenantA.apiKey))
      .send({ path: { invoiceId } })
      .expect(200);
    expect(response.body).toMatchObject({
      provider: 'qovery',
      connectionId: qoveryConnection,
      operationId: 'getOrganizationInvoice',
      upstreamStatus: 200,
      data: { id: invoiceId },
    });
    expect(upstreamCalls().map((r) => r.path)).toEqual([
      `/organization/${QOVERY_FAKE_ORGANIZATION_ID}/invoice/${invoiceId}`,
    ]);
  });

  it('refuses to let the caller override the account path parameter, before any upstream call', async () => {
    const response = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/getOrganizationInvoice`)
      .set(bearer(tenantA.apiKey))
      .send({
        path: {
          organizationId: '00000000-0000-4000-8000-000000000000',
          invoiceId: qovery.state.invoices[0]!.id,
        },
      })
      .expect(400)
      .expect('Content-Type', PROBLEM);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'path.organizationId' }));
    expect(upstreamCalls()).toHaveLength(0);
  });

  it('validates the body against the spec and names each field, sending nothing', async () => {
    const response = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/editOrganizationBillingInfo`)
      .set(bearer(tenantA.apiKey))
      .send({ body: { first_name: 'Ada' } })
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['body.last_name', 'body.email', 'body.country_code']));
    expect(upstreamCalls()).toHaveLength(0);
  });

  it('rejects path parameters the operation does not have and non-uuid ids the spec forbids', async () => {
    const extra = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/listOrganizationInvoice`)
      .set(bearer(tenantA.apiKey))
      .send({ path: { url: 'http://169.254.169.254/' } })
      .expect(400);
    expect(extra.body.errors).toContainEqual(expect.objectContaining({ field: 'path.url' }));
    const badId = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/getOrganizationInvoice`)
      .set(bearer(tenantA.apiKey))
      .send({ path: { invoiceId: '../../admin' } })
      .expect(400);
    expect(badId.body.errors).toContainEqual(expect.objectContaining({ field: 'path.invoiceId' }));
    expect(upstreamCalls()).toHaveLength(0);
  });

  it("only runs catalogued operations of the connection's own provider", async () => {
    await test.http
      .post(`/v1/connections/${qoveryConnection}/native/GetCustomersCustomer`)
      .set(bearer(tenantA.apiKey))
      .send({})
      .expect(404)
      .expect('Content-Type', PROBLEM);
    await test.http
      .post(`/v1/connections/${qoveryConnection}/native/not-an-operation`)
      .set(bearer(tenantA.apiKey))
      .send({})
      .expect(404);
    expect(upstreamCalls()).toHaveLength(0);
  });

  it("treats another tenant's connection as nonexistent", async () => {
    const crossTenant = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/getOrganizationBillingStatus`)
      .set(bearer(tenantB.apiKey))
      .send({})
      .expect(404);
    const missing = await test.http
      .post('/v1/connections/00000000-0000-4000-8000-000000000000/native/getOrganizationBillingStatus')
      .set(bearer(tenantB.apiKey))
      .send({})
      .expect(404);
    expect(crossTenant.body.type).toBe(missing.body.type);
    expect(upstreamCalls()).toHaveLength(0);
  });

  it('translates an upstream rejection of the credentials into a problem naming the provider', async () => {
    qovery.server.failNext(
      { pathIncludes: '/billingStatus' },
      { status: 401, body: { message: 'token sk_live_abcdefghijklmnop expired' } },
    );
    const response = await test.http
      .post(`/v1/connections/${qoveryConnection}/native/getOrganizationBillingStatus`)
      .set(bearer(tenantA.apiKey))
      .send({})
      .expect(502)
      .expect('Content-Type', PROBLEM);
    expect(response.body).toMatchObject({ provider: 'qovery', upstreamStatus: 401, retryable: false });
    expect(response.body.type).toMatch(/provider-authentication-failed$/);
    expect(JSON.stringify(response.body)).not.toContain('sk_live');
    expect(JSON.stringify(response.body)).not.toContain(QOVERY_FAKE_TOKEN);
  });

  describe('admin verification', () => {
    it('reports working credentials after a cheap read', async () => {
      const response = await test.http
        .post(`/admin/tenants/${tenantA.tenantId}/connections/${qoveryConnection}/verify`)
        .set(adminAuth)
        .expect(200);
      expect(response.body).toMatchObject({
        provider: 'qovery',
        connectionId: qoveryConnection,
        ok: true,
        detail: null,
      });
      expect(upstreamCalls().every((request) => request.method === 'GET')).toBe(true);
    });

    it('reports rejected credentials as ok: false', async () => {
      await test.http
        .patch(`/admin/tenants/${tenantA.tenantId}/connections/${qoveryConnection}`)
        .set(adminAuth)
        .send({ credentials: { apiKey: 'qov_wrong_token_0000' } })
        .expect(200);
      const response = await test.http
        .post(`/admin/tenants/${tenantA.tenantId}/connections/${qoveryConnection}/verify`)
        .set(adminAuth)
        .expect(200);
      expect(response.body.ok).toBe(false);
      expect(JSON.stringify(response.body)).not.toContain('qov_wrong_token_0000');
      await test.http
        .patch(`/admin/tenants/${tenantA.tenantId}/connections/${qoveryConnection}`)
        .set(adminAuth)
        .send({ credentials: { apiKey: QOVERY_FAKE_TOKEN } })
        .expect(200);
    });

    it('is 404 for a connection of another tenant and needs the admin key', async () => {
      await test.http
        .post(`/admin/tenants/${tenantA.tenantId}/connections/${prefectConnection}/verify`)
        .set(adminAuth)
        .expect(404);
      await test.http
        .post(`/admin/tenants/${tenantA.tenantId}/connections/${qoveryConnection}/verify`)
        .set(bearer(tenantA.apiKey))
        .expect(401);
    });
  });
});
