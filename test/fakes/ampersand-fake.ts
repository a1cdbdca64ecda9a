import { randomBytes } from 'node:crypto';
import { FakeServer, type FakeResponse, type FakeRoute, type RecordedRequest } from './fake-server';

/** Ampersand's BillingAccount as its API returns it. */
export interface AmpersandFakeAccount {
  id: string;
  displayName: string;
  billingProvider: string;
  billingProviderRef: string;
  createTime?: string;
  updateTime?: string;
}

export interface AmpersandFakeSession {
  billingAccountId: string;
  redirectUrl: string;
  timeout: number | null;
  url: string;
}

export interface AmpersandFakeOptions {
  /** The one API key the fake accepts. */
  apiKey?: string;
  /** Organizations and their billing accounts. */
  orgs?: Array<{ orgId: string; account: AmpersandFakeAccount }>;
}

export interface AmpersandFake {
  server: FakeServer;
  apiKey: string;
  /** Billing accounts by id, and which organization owns which (mutable: tests may add more). */
  accounts: Map<string, AmpersandFakeAccount>;
  orgAccounts: Map<string, string>;
  /** Portal sessions opened so far, oldest first. */
  sessions: AmpersandFakeSession[];
  /** Starts on a loopback port; the returned base URL ends with `/v1` like the real one. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

export const AMPERSAND_FAKE_API_KEY = 'amp_fake_key_0123456789';

export const DEFAULT_AMPERSAND_ORG = {
  orgId: 'org_1',
  account: {
    id: 'ba_1',
    displayName: 'Acme Inc',
    billingProvider: 'stripe',
    billingProviderRef: 'acct_1FakeAmpersand0001',
    createTime: '2025-03-01T10:00:00Z',
    updateTime: '2025-06-01T10:00:00Z',
  },
};

const PROBLEM_JSON = { 'Content-Type': 'application/problem+json' };

/** An ApiProblem (RFC 9457 + Ampersand's extensions) as Ampersand sends every error. */
export function ampersandProblem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): FakeResponse {
  return {
    status,
    headers: PROBLEM_JSON,
    body: {
      type: 'about:blank',
      title,
      status,
      detail,
      subsystem: 'api',
      time: new Date().toISOString(),
      requestId: `${randomBytes(8).toString('hex')}#1`,
      ...extra,
    },
  };
}

const inputProblem = (status: number, title: string, detail: string, issues: object[]): FakeResponse =>
  ampersandProblem(status, title, detail, { issues: issues.map((i) => ({ type: 'about:blank', ...i })) });

const headerOf = (request: RecordedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Ampersand's billing API on a loopback port. Auth follows the spec per operation: the portal
 * session takes the API key as `X-Api-Key`; the billing-account read is Bearer only ("Only bearer
 * auth works for this endpoint"), so an `X-Api-Key` there is a 401. (The spec also allows a
 * Bearer JWT on the portal session; an API key is not a JWT, so the fake accepts none there.)
 */
export function createAmpersandFake(options: AmpersandFakeOptions = {}): AmpersandFake {
  const apiKey = options.apiKey ?? AMPERSAND_FAKE_API_KEY;
  const accounts = new Map<string, AmpersandFakeAccount>();
  const orgAccounts = new Map<string, string>();
  for (const { orgId, account } of options.orgs ?? [DEFAULT_AMPERSAND_ORG]) {
    accounts.set(account.id, { ...account });
    orgAccounts.set(orgId, account.id);
  }
  const sessions: AmpersandFakeSession[] = [];

  const createSession: FakeRoute = {
    method: 'POST',
    path: '/billingAccounts/{billingAccountId}/portalSession',
    handler: (request, { billingAccountId }) => {
      if (!request.contentType?.startsWith('application/json'))
        return ampersandProblem(415, 'Unsupported Media Type', 'Content-Type must be application/json');
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const issues: object[] = [];
      if (typeof body.redirectUrl !== 'string' || body.redirectUrl === '')
        issues.push({ in: 'body', name: 'redirectUrl', detail: 'redirectUrl is required' });
      if (body.timeout !== undefined && !Number.isInteger(body.timeout))
        issues.push({
          in: 'body',
          name: 'timeout',
          value: body.timeout,
          detail: 'timeout must be an integer',
        });
      if (issues.length > 0)
        return inputProblem(400, 'Bad Request', 'The input message is incorrect', issues);
      if (!accounts.has(billingAccountId!))
        return ampersandProblem(404, 'Not Found', `billing account ${billingAccountId} not found`);
      const session: AmpersandFakeSession = {
        billingAccountId: billingAccountId!,
        redirectUrl: body.redirectUrl as string,
        timeout: (body.timeout as number | undefined) ?? null,
        url: `https://billing.stripe.com/p/session/test_${randomBytes(12).toString('hex')}`,
      };
      sessions.push(session);
      return { status: 200, body: { url: session.url } };
    },
  };

  const getBillingAccount: FakeRoute = {
    method: 'GET',
    path: '/orgs/{orgId}/billingAccount',
    handler: (_request, { orgId }) => {
      const account = accounts.get(orgAccounts.get(orgId!) ?? '');
      if (!account) {
        return inputProblem(404, 'Not Found', `organization ${orgId} has no billing account`, [
          { in: 'path', name: 'orgId', value: orgId, detail: 'no such organization' },
        ]);
      }
      return { status: 200, body: account };
    },
  };

  const server = new FakeServer([createSession, getBillingAccount], {
    check: (request, route) =>
      route.path === getBillingAccount.path
        ? headerOf(request, 'authorization') === `Bearer ${apiKey}`
        : headerOf(request, 'x-api-key') === apiKey,
    unauthorized: ampersandProblem(401, 'Unauthorized', 'Invalid or missing credentials'),
  });

  return {
    server,
    apiKey,
    accounts,
    orgAccounts,
    sessions,
    start: () => server.start('/v1'),
    stop: () => server.stop(),
  };
}
