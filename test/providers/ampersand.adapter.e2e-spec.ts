import { ErrorType, GatewayError } from '@app/errors';
import {
  BillingAccountStatus,
  Capability,
  NativeCatalog,
  type ProviderCall,
  ProviderId,
  ProviderRegistry,
} from '@app/providers';
import {
  expectRequestsToMatchContract,
  expectResponsesToMatchContract,
} from '../contract/contract-assertions';
import { type AmpersandFake, createAmpersandFake, DEFAULT_AMPERSAND_ORG } from '../fakes/ampersand-fake';
import { createTestApp, type TestApp } from '../support/app';

/**
 * The Ampersand adapter against a loopback fake speaking Ampersand's wire format: every capability
 * and native operation, then every request checked against ampersand.openapi.json.
 */
describe('Ampersand adapter', () => {
  let fake: AmpersandFake;
  let test: TestApp;
  let baseUrl: string;
  const adapter = () => test.app.get(ProviderRegistry).get(ProviderId.ampersand);
  const catalog = () => test.app.get(NativeCatalog);

  const callWith = (overrides: Partial<ProviderCall> = {}): ProviderCall => ({
    connectionId: 'conn_ampersand_1',
    account: { billingAccountId: DEFAULT_AMPERSAND_ORG.account.id, orgId: DEFAULT_AMPERSAND_ORG.orgId },
    settings: { timeout: 3600 },
    credentials: { apiKey: fake.apiKey },
    ...overrides,
  });
  const withoutOrg = () => callWith({ account: { billingAccountId: DEFAULT_AMPERSAND_ORG.account.id } });
  const lastRequest = () => fake.server.requests.at(-1)!;

  beforeAll(async () => {
    fake = createAmpersandFake();
    baseUrl = await fake.start();
    test = await createTestApp({ AMPERSAND_API_BASE_URL: baseUrl });
  });
  afterAll(async () => {
    await test?.close();
    await fake?.stop();
  });

  it('declares what Ampersand offers and nothing else', () => {
    expect([...adapter().capabilities].sort()).toEqual(
      [Capability.CreatePortalSession, Capability.GetBillingAccount, Capability.VerifyCredentials].sort(),
    );
    expect(baseUrl).toMatch(/\/v1$/);
  });

  describe('create_portal_session', () => {
    it('opens a session for the connection billing account with the configured timeout', async () => {
      const before = Date.now();
      const session = await adapter().createPortalSession!(callWith(), {
        returnUrl: 'https://app.example.com/billing',
        locale: 'fr',
      });
      const opened = fake.sessions.at(-1)!;
      expect(session).toEqual({
        provider: 'ampersand',
        connectionId: 'conn_ampersand_1',
        url: opened.url,
        expiresAt: expect.any(String),
      });
      const expiresAt = Date.parse(session.expiresAt!);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
      expect(opened).toEqual({
        billingAccountId: 'ba_1',
        redirectUrl: 'https://app.example.com/billing',
        timeout: 3600,
        url: expect.stringMatching(/^https:\/\//),
      });
      const request = lastRequest();
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/billingAccounts/ba_1/portalSession');
      expect(request.contentType).toMatch(/^application\/json/);
      expect(request.body).toEqual({ redirectUrl: 'https://app.example.com/billing', timeout: 3600 });
      expect(request.headers['x-api-key']).toBe(fake.apiKey);
      expect(request.headers.authorization).toBeUndefined();
    });

    it('sends no timeout and reports no expiry when the connection sets none', async () => {
      const session = await adapter().createPortalSession!(callWith({ settings: {} }), {
        returnUrl: 'https://app.example.com/billing',
      });
      expect(session.expiresAt).toBeNull();
      expect(lastRequest().body).toEqual({ redirectUrl: 'https://app.example.com/billing' });
      expect(fake.sessions.at(-1)!.timeout).toBeNull();
    });

    it('encodes the billing account id into the path', async () => {
      fake.accounts.set('ba/2 x', { ...DEFAULT_AMPERSAND_ORG.account, id: 'ba/2 x' });
      await adapter().createPortalSession!(
        callWith({ account: { billingAccountId: 'ba/2 x', orgId: 'org_1' } }),
        { returnUrl: 'https://app.example.com/billing' },
      );
      expect(lastRequest().path).toBe('/billingAccounts/ba%2F2%20x/portalSession');
      expect(fake.sessions.at(-1)!.billingAccountId).toBe('ba/2 x');
    });
  });

  describe('get_billing_account', () => {
    it('reads the organization billing account with Bearer auth and maps it', async () => {
      const account = await adapter().getBillingAccount!(callWith());
      expect(account).toEqual({
        provider: 'ampersand',
        connectionId: 'conn_ampersand_1',
        id: 'ba_1',
        name: 'Acme Inc',
        email: null,
        plan: null,
        status: BillingAccountStatus.Active,
        providerStatus: null,
        billingEnabled: null,
        raw: {
          billingAccountId: 'ba_1',
          orgId: 'org_1',
          billingProvider: 'stripe',
          billingProviderRef: 'acct_1FakeAmpersand0001',
        },
      });
      const request = lastRequest();
      expect(request.method).toBe('GET');
      expect(request.path).toBe('/orgs/org_1/billingAccount');
      expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.rawBody).toBe('');
    });

    it('sees an account the fake gained later', async () => {
      fake.accounts.set('ba_9', { ...DEFAULT_AMPERSAND_ORG.account, id: 'ba_9', displayName: 'Beta LLC' });
      fake.orgAccounts.set('org_9', 'ba_9');
      const account = await adapter().getBillingAccount!(
        callWith({ account: { billingAccountId: 'ba_9', orgId: 'org_9' } }),
      );
      expect(account).toMatchObject({ id: 'ba_9', name: 'Beta LLC', raw: { orgId: 'org_9' } });
    });

    it('refuses with connection-misconfigured, before any call, when the connection has no orgId', async () => {
      const sent = fake.server.requests.length;
      const error = await adapter().getBillingAccount!(withoutOrg()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ type: ErrorType.ConnectionMisconfigured, status: 422 });
      expect((error as GatewayError).detail).toMatch(/orgId/);
      expect(fake.server.requests.length).toBe(sent);
    });
  });

  describe('verify_credentials', () => {
    it('is ok when the billing-account read succeeds', async () => {
      await expect(adapter().verifyCredentials(callWith())).resolves.toEqual({
        ok: true,
        checkedWith: 'GET /orgs/{orgId}/billingAccount',
        detail: null,
      });
      expect(lastRequest().headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    });

    it('is not ok when Ampersand rejects the key', async () => {
      const check = await adapter().verifyCredentials(
        callWith({ credentials: { apiKey: 'amp_wrong_key_0000000' } }),
      );
      expect(check).toEqual({
        ok: false,
        checkedWith: 'GET /orgs/{orgId}/billingAccount',
        detail: expect.stringMatching(/credentials/),
      });
      expect(check.detail).not.toContain('amp_wrong_key_0000000');
    });

    it('cannot check without orgId and says so (connection-misconfigured), calling nothing', async () => {
      const sent = fake.server.requests.length;
      await expect(adapter().verifyCredentials(withoutOrg())).rejects.toMatchObject({
        type: ErrorType.ConnectionMisconfigured,
        detail: expect.stringMatching(/account\.orgId/),
      });
      expect(fake.server.requests.length).toBe(sent);
    });
  });

  describe('native operations', () => {
    it('catalogues both spec operations with account parameters and method-derived hints', () => {
      const operations = catalog().list(ProviderId.ampersand);
      expect(operations.map((o) => [o.operationId, o.method, o.path, o.accountParams, o.hints])).toEqual([
        [
          'createBillingAccountSession',
          'POST',
          '/billingAccounts/{billingAccountId}/portalSession',
          { billingAccountId: 'billingAccountId' },
          { readOnly: false, destructive: false, idempotent: false },
        ],
        [
          'getOrgBillingAccount',
          'GET',
          '/orgs/{orgId}/billingAccount',
          { orgId: 'orgId' },
          { readOnly: true, destructive: false, idempotent: true },
        ],
      ]);
    });

    it('createBillingAccountSession: sends the caller body with X-Api-Key to the connection account', async () => {
      const call = callWith();
      const operation = catalog().get(ProviderId.ampersand, 'createBillingAccountSession');
      const input = catalog().prepare(operation, call, {
        body: { redirectUrl: 'https://app.example.com/native', timeout: 120 },
      });
      const result = await adapter().callNative(call, operation, input);
      expect(result).toEqual({ status: 200, body: { url: fake.sessions.at(-1)!.url } });
      const request = lastRequest();
      expect(request.path).toBe('/billingAccounts/ba_1/portalSession');
      expect(request.body).toEqual({ redirectUrl: 'https://app.example.com/native', timeout: 120 });
      expect(request.headers['x-api-key']).toBe(fake.apiKey);
      expect(request.headers.authorization).toBeUndefined();
    });

    it('getOrgBillingAccount: reads the connection organization with Bearer auth', async () => {
      const call = callWith();
      const operation = catalog().get(ProviderId.ampersand, 'getOrgBillingAccount');
      const result = await adapter().callNative(call, operation, catalog().prepare(operation, call, {}));
      expect(result).toEqual({ status: 200, body: fake.accounts.get('ba_1') });
      expect(lastRequest().path).toBe('/orgs/org_1/billingAccount');
      expect(lastRequest().headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(lastRequest().headers['x-api-key']).toBeUndefined();
    });

    it('rejects caller input the spec forbids, and account overrides, before sending anything', () => {
      const sent = fake.server.requests.length;
      const call = callWith();
      const session = catalog().get(ProviderId.ampersand, 'createBillingAccountSession');
      expect(() => catalog().prepare(session, call, { body: { timeout: 'soon' } })).toThrow(
        expect.objectContaining({
          type: ErrorType.ValidationFailed,
          options: expect.objectContaining({
            errors: expect.arrayContaining([
              expect.objectContaining({ field: 'body.redirectUrl' }),
              expect.objectContaining({ field: 'body.timeout' }),
            ]),
          }),
        }),
      );
      const read = catalog().get(ProviderId.ampersand, 'getOrgBillingAccount');
      expect(() => catalog().prepare(read, call, { path: { orgId: 'org_other' } })).toThrow(
        expect.objectContaining({ type: ErrorType.ValidationFailed }),
      );
      expect(fake.server.requests.length).toBe(sent);
    });

    it('getOrgBillingAccount without orgId on the connection: connection-misconfigured, no call', async () => {
      const sent = fake.server.requests.length;
      const call = withoutOrg();
      const operation = catalog().get(ProviderId.ampersand, 'getOrgBillingAccount');
      const input = catalog().prepare(operation, call, {});
      expect(input.path).toEqual({ orgId: '' });
      await expect(adapter().callNative(call, operation, input)).rejects.toMatchObject({
        type: ErrorType.ConnectionMisconfigured,
        status: 422,
      });
      expect(fake.server.requests.length).toBe(sent);
    });
  });

  describe('contract', () => {
    it('every request sent matches ampersand.openapi.json', () => {
      const operations = new Set(fake.server.requests.map((r) => `${r.method} ${r.path.split('/')[1]}`));
      expect(operations).toEqual(new Set(['POST billingAccounts', 'GET orgs']));
      expectRequestsToMatchContract(ProviderId.ampersand, fake.server.requests);
    });

    it('every fake response (successes and the 401) matches the spec', () => {
      expect(fake.server.exchanges.some((e) => e.response.status === 401)).toBe(true);
      expectResponsesToMatchContract(ProviderId.ampersand, fake.server.exchanges);
    });

    it('each operation carried the auth scheme its spec security demands, never both', () => {
      for (const request of fake.server.requests) {
        const bearer = typeof request.headers.authorization === 'string';
        const apiKey = typeof request.headers['x-api-key'] === 'string';
        expect({ path: request.path, bearer, apiKey }).toEqual({
          path: request.path,
          bearer: request.method === 'GET',
          apiKey: request.method === 'POST',
        });
      }
    });
  });
});
