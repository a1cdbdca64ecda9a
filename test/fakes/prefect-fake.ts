import { randomBytes } from 'node:crypto';
import type {
  PrefectBillingDetails,
  PrefectBillingRestrictions,
  PrefectPlanTier,
} from '../../libs/providers/src/prefect/prefect.wire';
import { OpenApiContract } from '@app/providers';
import { bearerOf, FakeServer, type FakeResponse, type FakeRoute, type RecordedRequest } from './fake-server';

export const PREFECT_FAKE_API_KEY = 'pnu_fake_key_0123456789';
export const PREFECT_FAKE_ACCOUNT_ID = '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d';

export interface PrefectFakeOptions {
  apiKey?: string;
  accountId?: string;
  /** Overrides of the seeded billing details of the account. */
  details?: Partial<PrefectBillingDetails>;
}

export interface PrefectFake {
  server: FakeServer;
  apiKey: string;
  accountId: string;
  /** The account's billing state: mutations (slots, cancel, subscribe+validate) show in later reads. */
  details: PrefectBillingDetails;
  restrictions: PrefectBillingRestrictions;
  portalSessions: Array<{ returnUrl: string; url: string; kind: 'portal' | 'manage' }>;
  /** Checkout sessions handed out by subscribe, by Stripe session id. */
  checkoutSessions: Map<string, { tier: PrefectPlanTier; url: string; validated: boolean }>;
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** The tiers subscribe accepts, read from the contract (not from the adapter under test). */
const PLAN_TIERS = (
  OpenApiContract.for('prefect').document.components!.schemas as Record<string, { enum: string[] }>
).AccountPlanTier!.enum;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Issue = { type: string; loc: Array<string | number>; msg: string; input?: unknown };

/** FastAPI's (pydantic v2) 422: `{"detail":[{type, loc, msg, input}]}`. */
export const prefectValidationError = (...issues: Issue[]): FakeResponse => ({
  status: 422,
  body: { detail: issues },
});

/** FastAPI's HTTPException body: `{"detail": "..."}`. */
export const prefectError = (status: number, detail: string): FakeResponse => ({ status, body: { detail } });

const missing = (loc: Array<string | number>, input: unknown): Issue => ({
  type: 'missing',
  loc,
  msg: 'Field required',
  input,
});

const asObject = (body: unknown): Record<string, unknown> | undefined =>
  body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;

/** A required JSON body holding a required string field (return_url, stripe_session_id). */
function requireString(request: RecordedRequest, field: string): string | FakeResponse {
  const body = asObject(request.body);
  if (!body) return prefectValidationError(missing(['body'], request.body ?? null));
  const value = body[field];
  if (value === undefined) return prefectValidationError(missing(['body', field], body));
  if (typeof value !== 'string')
    return prefectValidationError({
      type: 'string_type',
      loc: ['body', field],
      msg: 'Input should be a valid string',
      input: value,
    });
  return value;
}

const nonNegativeIntOrNull = (body: Record<string, unknown>, field: string): Issue | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    return { type: 'int_type', loc: ['body', field], msg: 'Input should be a valid integer', input: value };
  if (value < 0)
    return {
      type: 'greater_than_equal',
      loc: ['body', field],
      msg: 'Input should be greater than or equal to 0',
      input: value,
    };
  return undefined;
};

const token = () => randomBytes(12).toString('hex');

export const defaultPrefectDetails = (): PrefectBillingDetails => ({
  stripe_customer_id: 'cus_PrefectFake0001',
  self_serve: true,
  plan_type: 'ORGANIZATION',
  plan_tier: 'PRO_2024_04',
  users: { free_slots: 3, minimum_slots: 5, used_slots: 4, slots: 8, price: 2000 },
  workspaces: { free_slots: 1, minimum_slots: 1, used_slots: 1, slots: 2, price: 10000 },
  annual_billing: false,
  cancel_at_period_end: false,
  trial_start: null,
  trial_end: null,
  billing_enabled: true,
});

/**
 * Prefect Cloud's billing API for one account: Bearer auth (401 `{"detail":"Unauthorized"}`),
 * FastAPI 422s for a non-UUID account id or an invalid body, 404 for another account, and state
 * that the writes change (update_slots, cancel, subscribe + validate_subscription_status).
 */
export function createPrefectFake(options: PrefectFakeOptions = {}): PrefectFake {
  const apiKey = options.apiKey ?? PREFECT_FAKE_API_KEY;
  const accountId = options.accountId ?? PREFECT_FAKE_ACCOUNT_ID;
  const details: PrefectBillingDetails = { ...defaultPrefectDetails(), ...options.details };
  const restrictions: PrefectBillingRestrictions = {
    can_upgrade: true,
    can_cancel: true,
    available_tiers: ['PRO_2024_04', 'ENTERPRISE'],
  };
  const portalSessions: PrefectFake['portalSessions'] = [];
  const checkoutSessions: PrefectFake['checkoutSessions'] = new Map();

  /** Path checks FastAPI and Prefect make before the handler runs. */
  const forAccount =
    (handler: (request: RecordedRequest) => FakeResponse): FakeRoute['handler'] =>
    (request, params) => {
      const id = params.account_id!;
      if (!UUID.test(id))
        return prefectValidationError({
          type: 'uuid_parsing',
          loc: ['path', 'account_id'],
          msg: 'Input should be a valid UUID',
          input: id,
        });
      if (id.toLowerCase() !== accountId.toLowerCase()) return prefectError(404, 'Account not found.');
      return handler(request);
    };

  const openPortal = (kind: 'portal' | 'manage') => (request: RecordedRequest) => {
    const returnUrl = requireString(request, 'return_url');
    if (typeof returnUrl !== 'string') return returnUrl;
    const url = `https://billing.stripe.com/p/session/test_${token()}`;
    portalSessions.push({ returnUrl, url, kind });
    return { status: 200, body: { url } };
  };

  const routes: FakeRoute[] = [
    {
      method: 'GET',
      path: '/api/billing/{account_id}/details',
      handler: forAccount(() => ({ status: 200, body: structuredClone(details) })),
    },
    {
      method: 'GET',
      path: '/api/billing/{account_id}/subscription_restrictions',
      handler: forAccount(() => ({
        status: 200,
        body: { ...restrictions, can_cancel: restrictions.can_cancel && !details.cancel_at_period_end },
      })),
    },
    {
      method: 'POST',
      path: '/api/billing/{account_id}/create_billing_portal_session',
      handler: forAccount(openPortal('portal')),
    },
    {
      method: 'POST',
      path: '/api/billing/{account_id}/manage_subscription',
      handler: forAccount(openPortal('manage')),
    },
    {
      method: 'POST',
      path: '/api/billing/{account_id}/subscribe',
      handler: forAccount((request) => {
        const body = asObject(request.body);
        if (!body) return prefectValidationError(missing(['body'], request.body ?? null));
        if (body.tier === undefined) return prefectValidationError(missing(['body', 'tier'], body));
        if (!PLAN_TIERS.includes(body.tier as string))
          return prefectValidationError({
            type: 'enum',
            loc: ['body', 'tier'],
            msg: `Input should be ${PLAN_TIERS.map((t) => `'${t}'`).join(', ')}`,
            input: body.tier,
          });
        const sessionId = `cs_test_${token()}`;
        const url = `https://checkout.stripe.com/c/pay/${sessionId}`;
        checkoutSessions.set(sessionId, { tier: body.tier as PrefectPlanTier, url, validated: false });
        return { status: 200, body: { checkout_url: url, session_id: sessionId } };
      }),
    },
    {
      method: 'POST',
      path: '/api/billing/{account_id}/update_slots',
      handler: forAccount((request) => {
        const body = asObject(request.body) ?? {};
        const issues = ['additional_workspace_slots', 'additional_user_slots']
          .map((field) => nonNegativeIntOrNull(body, field))
          .filter((issue): issue is Issue => issue !== undefined);
        if (issues.length > 0) return prefectValidationError(...issues);
        // The spec: when cancel_at_period_end is true "the account won't be able to update
        // workspace nor user slots".
        if (details.cancel_at_period_end)
          return prefectError(400, 'Slots cannot be updated while the subscription is set to cancel.');
        const users = body.additional_user_slots as number | null | undefined;
        const workspaces = body.additional_workspace_slots as number | null | undefined;
        if (typeof users === 'number') {
          if (details.users.free_slots + users < details.users.used_slots)
            return prefectError(400, 'Cannot set fewer user slots than users in the account.');
          details.users.slots = details.users.free_slots + users;
        }
        if (typeof workspaces === 'number')
          details.workspaces.slots = details.workspaces.free_slots + workspaces;
        return { status: 204 };
      }),
    },
    {
      method: 'POST',
      path: '/api/billing/{account_id}/cancel_org_subscription',
      handler: forAccount(() => {
        details.cancel_at_period_end = true;
        return { status: 200, body: null };
      }),
    },
    {
      method: 'POST',
      path: '/api/billing/{account_id}/validate_subscription_status',
      handler: forAccount((request) => {
        const sessionId = requireString(request, 'stripe_session_id');
        if (typeof sessionId !== 'string') return sessionId;
        const session = checkoutSessions.get(sessionId);
        if (!session) return { status: 200, body: false };
        session.validated = true;
        details.plan_tier = session.tier;
        return { status: 200, body: true };
      }),
    },
  ];

  const server = new FakeServer(routes, {
    check: (request) => bearerOf(request) === apiKey,
    unauthorized: prefectError(401, 'Unauthorized'),
  });

  return {
    server,
    apiKey,
    accountId,
    details,
    restrictions,
    portalSessions,
    checkoutSessions,
    start: () => server.start(),
    stop: () => server.stop(),
  };
}
