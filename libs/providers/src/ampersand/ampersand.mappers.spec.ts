import { BillingAccountStatus } from '../domain/status';
import { ProviderId } from '../provider-id';
import { toBillingAccount, toPortalSession, toPortalSessionRequest } from './ampersand.mappers';

const origin = { provider: ProviderId.ampersand, connectionId: 'conn_1' };

describe('toPortalSessionRequest', () => {
  it('sends the return URL as redirectUrl and the connection timeout when set', () => {
    expect(toPortalSessionRequest('https://app.example.com/back', { timeout: 3600 })).toEqual({
      redirectUrl: 'https://app.example.com/back',
      timeout: 3600,
    });
  });

  it('leaves timeout out when the connection sets none (Ampersand applies its default)', () => {
    expect(toPortalSessionRequest('https://app.example.com/back', {})).toEqual({
      redirectUrl: 'https://app.example.com/back',
    });
  });
});

describe('toPortalSession', () => {
  const sentAt = new Date('2026-01-02T03:04:05.000Z');

  it('keeps the url and derives the expiry from the timeout that was sent', () => {
    const session = toPortalSession(
      { url: 'https://billing.stripe.com/p/session/abc' },
      origin,
      { redirectUrl: 'https://app.example.com', timeout: 600 },
      sentAt,
    );
    expect(session).toEqual({
      provider: 'ampersand',
      connectionId: 'conn_1',
      url: 'https://billing.stripe.com/p/session/abc',
      expiresAt: '2026-01-02T03:14:05.000Z',
    });
  });

  it('has no expiry when no timeout was sent', () => {
    const session = toPortalSession(
      { url: 'https://billing.stripe.com/p/session/abc' },
      origin,
      { redirectUrl: 'https://app.example.com' },
      sentAt,
    );
    expect(session.expiresAt).toBeNull();
  });
});

describe('toBillingAccount', () => {
  const wire = {
    id: 'billing-account-123',
    displayName: 'Acme Inc',
    billingProvider: 'stripe',
    billingProviderRef: 'acct_1J2k3l4m5n6o7p8q9r0s',
    createTime: '2025-01-01T00:00:00Z',
    updateTime: '2025-02-01T00:00:00Z',
  };

  it('maps the account, with null for what Ampersand does not know', () => {
    expect(toBillingAccount(wire, origin, 'org_1')).toEqual({
      provider: 'ampersand',
      connectionId: 'conn_1',
      id: 'billing-account-123',
      name: 'Acme Inc',
      email: null,
      plan: null,
      status: BillingAccountStatus.Active,
      providerStatus: null,
      billingEnabled: null,
      raw: {
        billingAccountId: 'billing-account-123',
        orgId: 'org_1',
        billingProvider: 'stripe',
        billingProviderRef: 'acct_1J2k3l4m5n6o7p8q9r0s',
      },
    });
  });

  it('turns an empty display name into null rather than an empty name', () => {
    expect(toBillingAccount({ ...wire, displayName: '' }, origin, 'org_1').name).toBeNull();
  });

  it('does not need the optional timestamps', () => {
    const { createTime: _c, updateTime: _u, ...required } = wire;
    expect(toBillingAccount(required, origin, 'org_1').id).toBe('billing-account-123');
  });
});
