import { ErrorType, GatewayError } from '@app/errors';
import { type BillingProvider, NativeCatalog, OpenApiContract, type ProviderCall } from '@app/providers';
import { type PrismGateway, startPrismGateway } from './prism-server';

/**
 * The Prefect adapter against Stoplight Prism mocking prefect.openapi.json: Prism validates every
 * request against the spec (an invalid one gets a 422 instead of a 2xx), so each call succeeding
 * shows the adapter speaks the contract. Prism answers the untyped 200s with `null` and the
 * checkout map with placeholder strings; the normalized portal and checkout calls must then fail
 * cleanly (provider-invalid-response after an upstream 200) while the native operations pass.
 */
describe('Prefect adapter against Prism (prefect.openapi.json)', () => {
  let gateway: PrismGateway;
  let adapter: BillingProvider;
  let catalog: NativeCatalog;
  const accountId = '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d';
  const call: ProviderCall = {
    connectionId: 'conn_prefect_prism',
    account: { accountId },
    settings: {},
    credentials: { apiKey: 'pnu_prism_key_0123456789' },
  };

  const upstream200WithoutUrl = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 502, type: ErrorType.ProviderInvalidResponse });
    expect((error as GatewayError).options.extensions).toEqual({
      provider: 'prefect',
      upstreamStatus: 200,
      retryable: false,
    });
  };

  beforeAll(async () => {
    gateway = await startPrismGateway('prefect');
    ({ adapter, catalog } = gateway);
  }, 90_000);
  afterAll(() => gateway?.stop());

  describe('capabilities', () => {
    it('verify_credentials', async () => {
      await expect(adapter.verifyCredentials(call)).resolves.toMatchObject({ ok: true });
    });

    it('get_billing_account', async () => {
      await expect(adapter.getBillingAccount!(call)).resolves.toMatchObject({
        provider: 'prefect',
        id: accountId,
        status: 'active',
        raw: { accountId },
      });
    });

    it('list_subscriptions and get_subscription', async () => {
      const [subscription] = await adapter.listSubscriptions!(call);
      expect(subscription).toMatchObject({ id: accountId, status: 'active' });
      await expect(adapter.getSubscription!(call, accountId)).resolves.toEqual(subscription);
    });

    it('change_seats (update_slots answers 204, then the details are re-read)', async () => {
      const { users } = (await native('get_billing_details_api_billing__account_id__details_get')).body as {
        users: { free_slots: number; minimum_slots: number };
      };
      const seats = Math.max(users.free_slots, users.minimum_slots) + 2;
      await expect(adapter.changeSubscription!(call, accountId, { seats })).resolves.toMatchObject({
        id: accountId,
      });
    });

    it('cancel_subscription_at_period_end', async () => {
      await expect(
        adapter.cancelSubscription!(call, accountId, { atPeriodEnd: true }),
      ).resolves.toMatchObject({
        id: accountId,
      });
    });

    it('create_portal_session: Prism answers the untyped 200 with null → provider-invalid-response', async () => {
      await upstream200WithoutUrl(
        adapter.createPortalSession!(call, { returnUrl: 'https://app.example.com/billing' }),
      );
    });

    it('create_checkout_link: Prism’s placeholder map holds no URL → provider-invalid-response', async () => {
      await upstream200WithoutUrl(adapter.createCheckoutLink!(call, { plan: 'TEAM' }));
    });
  });

  const native = (operationId: string, body?: unknown) => {
    const operation = catalog.get('prefect', operationId);
    return adapter.callNative(call, operation, catalog.prepare(operation, call, { body }));
  };

  describe('native operations', () => {
    const inputs: Record<string, unknown> = {
      cancel_org_subscription_at_period_end_api_billing__account_id__cancel_org_subscription_post: undefined,
      create_billing_portal_session_api_billing__account_id__create_billing_portal_session_post: {
        return_url: 'https://app.example.com/billing',
      },
      get_billing_details_api_billing__account_id__details_get: undefined,
      manage_subscription_api_billing__account_id__manage_subscription_post: {
        return_url: 'https://app.example.com/billing',
      },
      get_checkout_link_api_billing__account_id__subscribe_post: { tier: 'TEAM' },
      get_subscription_restrictions_api_billing__account_id__subscription_restrictions_get: undefined,
      update_slots_api_billing__account_id__update_slots_post: { additional_user_slots: 2 },
      validate_subscription_status_api_billing__account_id__validate_subscription_status_post: {
        stripe_session_id: 'cs_test_123',
      },
    };

    it('covers every operation of the contract', () => {
      const specIds = OpenApiContract.for('prefect')
        .allOperations()
        .map((o) => o.operationId);
      expect(Object.keys(inputs).sort()).toEqual([...specIds].sort());
      expect(
        catalog
          .list('prefect')
          .map((o) => o.operationId)
          .sort(),
      ).toEqual([...specIds].sort());
    });

    it.each(Object.entries(inputs))('%s → 2xx', async (operationId, body) => {
      const result = await native(operationId, body);
      expect(result.status).toBeGreaterThanOrEqual(200);
      expect(result.status).toBeLessThan(300);
      const violations = OpenApiContract.for('prefect').validateResponse(
        operationId,
        result.status,
        result.body,
      );
      expect(violations).toEqual([]);
    });

    it('Prism does validate: a body the contract forbids (sent around the catalog) gets its 422', async () => {
      const operation = catalog.get('prefect', 'update_slots_api_billing__account_id__update_slots_post');
      const error = await adapter
        .callNative(call, operation, { path: { account_id: accountId }, body: { additional_user_slots: -1 } })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toMatchObject({ status: 422, type: ErrorType.ProviderRejectedInput });
      expect((error as GatewayError).options.extensions).toMatchObject({ upstreamStatus: 422 });
    });

    it('create_billing_portal_session is the 2xx whose null body the normalized call rejects', async () => {
      const result = await native(
        'create_billing_portal_session_api_billing__account_id__create_billing_portal_session_post',
        { return_url: 'https://app.example.com/billing' },
      );
      expect(result).toEqual({ status: 200, body: null });
    });
  });
});
