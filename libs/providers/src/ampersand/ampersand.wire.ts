/**
 * Ampersand's wire format, typed from libs/providers/contracts/ampersand.openapi.json
 * (amp-labs/openapi, api/api.yaml + problem/problem.yaml).
 */

/** Body of POST /billingAccounts/{billingAccountId}/portalSession (createBillingAccountSession). */
export interface AmpersandPortalSessionRequest {
  /** Where the portal sends the user back when they leave it. */
  redirectUrl: string;
  /** Session lifetime in seconds. */
  timeout?: number;
}

/** 200 of createBillingAccountSession. */
export interface AmpersandPortalSession {
  url: string;
}

/** 200 of GET /orgs/{orgId}/billingAccount (getOrgBillingAccount). */
export interface AmpersandBillingAccount {
  id: string;
  displayName: string;
  /** The billing system behind the account, e.g. `stripe`. */
  billingProvider: string;
  /** The account's id in that billing system, e.g. `acct_…`. */
  billingProviderRef: string;
  createTime?: string;
  updateTime?: string;
}

/** RFC 9457 problem extended by Ampersand's ApiProblem (every error, `application/problem+json`). */
export interface AmpersandProblem {
  type?: string;
  href?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  subsystem?: string;
  time?: string;
  requestId?: string;
  causes?: string[];
  remedy?: string;
  retryable?: boolean;
  /** RFC 3339 timestamp after which the request may be retried. */
  retryAfter?: string;
  context?: Record<string, unknown>;
  /** Present on InputValidationProblem (e.g. the 404 of getOrgBillingAccount). */
  issues?: AmpersandInputIssue[];
}

export interface AmpersandInputIssue extends AmpersandProblem {
  in?: 'body' | 'header' | 'path' | 'query';
  name?: string;
  value?: unknown;
}
