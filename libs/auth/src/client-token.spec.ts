import type { AppConfig } from '@app/config';
import { Signer } from '@app/crypto';
import { CLIENT_TOKEN_PREFIX, ClientTokenCodec } from './client-token';

const signer = new Signer({ APP_SIGNING_SECRET: 'unit_test_signing_secret_0123456789abcdef' } as AppConfig);
const codec = new ClientTokenCodec(signer);
const claims = { tenantId: 'tenant-1', apiKeyId: 'key-1', scope: 'portal-session' as const };
const NOW = Date.parse('2026-11-21T10:00:00.000Z');

describe('ClientTokenCodec', () => {
  it('round-trips tenant, issuing key, scope and expiry behind a recognisable prefix', () => {
    const { token, expiresAt } = codec.issue(claims, 300, NOW);
    expect(token.startsWith(CLIENT_TOKEN_PREFIX)).toBe(true);
    expect(expiresAt.toISOString()).toBe('2026-11-21T10:05:00.000Z');
    expect(codec.verify(token, NOW + 299_999)).toEqual({ ...claims, expiresAt });
  });

  it('rejects the token from its expiry on', () => {
    const { token } = codec.issue(claims, 300, NOW);
    expect(codec.verify(token, NOW + 300_000)).toBeUndefined();
  });

  it('rejects tampered payloads, foreign signatures, missing prefixes and garbage', () => {
    const { token } = codec.issue(claims, 300, NOW);
    const [body, mac] = token.slice(CLIENT_TOKEN_PREFIX.length).split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ v: 1, t: 'tenant-2', k: 'key-1', s: 'portal-session', exp: NOW + 1e6 }),
    ).toString('base64url');
    const otherSigner = new Signer({
      APP_SIGNING_SECRET: 'another_secret_0123456789abcdef0123456789',
    } as AppConfig);
    for (const candidate of [
      `${CLIENT_TOKEN_PREFIX}${forgedBody}.${mac}`,
      new ClientTokenCodec(otherSigner).issue(claims, 300, NOW).token,
      `${body}.${mac}`,
      `${CLIENT_TOKEN_PREFIX}${body}`,
      `${CLIENT_TOKEN_PREFIX}not-a-token`,
      '',
    ]) {
      expect(codec.verify(candidate, NOW)).toBeUndefined();
    }
  });

  it('does not accept a value signed for another purpose (e.g. a pagination cursor)', () => {
    const cursor = signer.sign('cursor:invoices', {
      v: 1,
      t: 'tenant-1',
      k: 'key-1',
      s: 'portal-session',
      exp: NOW + 1e6,
    });
    expect(codec.verify(`${CLIENT_TOKEN_PREFIX}${cursor}`, NOW)).toBeUndefined();
  });
});
