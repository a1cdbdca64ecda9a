import type { BillingAccount, PortalSession, ResourceOrigin } from '../domain/models';
import { BillingAccountStatus } from '../domain/status';
import type { AmpersandSettings } from './ampersand.connection';
import type {
  AmpersandBillingAccount,
  AmpersandPortalSession,
  AmpersandPortalSessionRequest,
} from './ampersand.wire';

/** The portal-session body: the caller's return URL, and the connection's session lifetime if set. */
export function toPortalSessionRequest(
  returnUrl: string,
  settings: AmpersandSettings,
): AmpersandPortalSessionRequest {
  return settings.timeout === undefined
    ? { redirectUrl: returnUrl }
    : { redirectUrl: returnUrl, timeout: settings.timeout };
}

/**
 * Ampersand answers only `{url}`. The expiry is known only when we asked for a lifetime (counted
 * from when the request was sent); Ampersand's default lifetime is undocumented, so otherwise null.
 */
export function toPortalSession(
  wire: AmpersandPortalSession,
  origin: ResourceOrigin,
  sent: AmpersandPortalSessionRequest,
  sentAt: Date,
): PortalSession {
  const expiresAt =
    sent.timeout === undefined ? null : new Date(sentAt.getTime() + sent.timeout * 1_000).toISOString();
  return { provider: origin.provider, connectionId: origin.connectionId, url: wire.url, expiresAt };
}

/**
 * Ampersand's billing account names the account and the billing system behind it, nothing more:
 * no email, plan or status. It exists, so it is active; Ampersand has no status of its own to keep.
 */
export function toBillingAccount(
  wire: AmpersandBillingAccount,
  origin: ResourceOrigin,
  orgId: string,
): BillingAccount {
  return {
    provider: origin.provider,
    connectionId: origin.connectionId,
    id: wire.id,
    name: wire.displayName || null,
    email: null,
    plan: null,
    status: BillingAccountStatus.Active,
    providerStatus: null,
    billingEnabled: null,
    raw: {
      billingAccountId: wire.id,
      orgId,
      billingProvider: wire.billingProvider ?? null,
      billingProviderRef: wire.billingProviderRef ?? null,
    },
  };
}
