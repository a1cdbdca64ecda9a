import { ErrorType } from '@app/errors';
import { type ProviderCall, ProviderId } from '@app/providers';
import { type PrismGateway, startPrismGateway } from './prism-server';

/**
 * The adapter against Stoplight Prism mocking libs/providers/contracts/ampersand.openapi.json:
 * Prism checks every request (path, body, content type and the operation's security) against the
 * spec independently of our own contract assertions, and answers with the spec's examples.
 */
describe('Ampersand adapter against Prism (spec mock)', () => {
  let gateway: PrismGateway;
  const adapter = () => gateway.adapter;
  const catalog = () => gateway.catalog;
  const call: ProviderCall = {
    connectionId: 'conn_ampersand_prism',
    account: { billingAccountId: 'ba_123', orgId: 'org_1' },
    settings: { timeout: 3600 },
    credentials: { apiKey: 'amp_prism_key_0123456789' },
  };

  beforeAll(async () => {
    gateway = await startPrismGateway(ProviderId.ampersand);
  }, 90_000);
  afterAll(() => gateway?.stop());

  it('create_portal_session: Prism accepts the request and answers the spec example', async () => {
    const session = await adapter().createPortalSession!(call, { returnUrl: 'https://app.example.com/back' });
    expect(session).toEqual({
      provider: 'ampersand',
      connectionId: 'conn_ampersand_prism',
      url: 'https://billing.portal.com/customer/session',
      expiresAt: expect.any(String),
    });
  });

  it('get_billing_account: Prism accepts the Bearer read and answers the spec example', async () => {
    const account = await adapter().getBillingAccount!(call);
    expect(account).toMatchObject({
      id: 'billing-account-123',
      name: 'Acme Inc',
      raw: { billingProvider: 'stripe', billingProviderRef: 'acct_1J2k3l4m5n6o7p8q9r0s', orgId: 'org_1' },
    });
  });

  it('verify_credentials is ok', async () => {
    await expect(adapter().verifyCredentials(call)).resolves.toMatchObject({ ok: true });
  });

  it.each(['createBillingAccountSession', 'getOrgBillingAccount'])(
    'native %s: 2xx from Prism',
    async (id) => {
      const operation = catalog().get(ProviderId.ampersand, id);
      const input = catalog().prepare(operation, call, {
        body:
          operation.method === 'POST'
            ? { redirectUrl: 'https://app.example.com/back', timeout: 60 }
            : undefined,
      });
      const result = await adapter().callNative(call, operation, input);
      expect(result.status).toBeGreaterThanOrEqual(200);
      expect(result.status).toBeLessThan(300);
      expect(result.body).toEqual(expect.any(Object));
    },
  );

  it('Prism rejects a body the spec forbids; the adapter reports provider-rejected-input', async () => {
    const operation = catalog().get(ProviderId.ampersand, 'createBillingAccountSession');
    // Bypasses NativeCatalog.prepare on purpose, to show the mock enforces the spec too.
    await expect(
      adapter().callNative(call, operation, { path: { billingAccountId: 'ba_123' }, body: { timeout: 60 } }),
    ).rejects.toMatchObject({ type: ErrorType.ProviderRejectedInput, status: 422 });
  });

  it('Prism enforces the Bearer-only security of the billing-account read (X-Api-Key alone is 401)', async () => {
    const url = `${gateway.prism.baseUrl}/orgs/org_1/billingAccount`;
    const withApiKey = await fetch(url, { headers: { 'X-Api-Key': call.credentials.apiKey } });
    expect(withApiKey.status).toBe(401);
    const withBearer = await fetch(url, { headers: { Authorization: `Bearer ${call.credentials.apiKey}` } });
    expect(withBearer.status).toBe(200);
    const session = await fetch(`${gateway.prism.baseUrl}/billingAccounts/ba_123/portalSession`, {
      method: 'POST',
      headers: { 'X-Api-Key': call.credentials.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirectUrl: 'https://app.example.com/back' }),
    });
    expect(session.status).toBe(200);
  });
});
