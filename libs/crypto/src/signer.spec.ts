import type { AppConfig } from '@app/config';
import { Signer } from './signer';

const signerWith = (secret: string) => new Signer({ APP_SIGNING_SECRET: secret } as AppConfig);

describe('Signer', () => {
  const signer = signerWith('unit-test-signing-secret-0123456789abcdef');

  it('round-trips a payload in a URL-safe token', () => {
    const payload = { after: '0190a6f2-0000-7000-8000-000000000001', n: 2, nested: { ok: true } };
    const token = signer.sign('cursor:tenants', payload);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signer.verify('cursor:tenants', token)).toEqual(payload);
  });

  it('is deterministic for a purpose and payload', () => {
    expect(signer.sign('p', { a: 1 })).toBe(signer.sign('p', { a: 1 }));
  });

  it('returns undefined for a tampered body', () => {
    const [, mac] = signer.sign('p', { after: 'a' }).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ after: 'b' })).toString('base64url');
    expect(signer.verify('p', `${forgedBody}.${mac}`)).toBeUndefined();
  });

  it('returns undefined for a tampered or truncated signature', () => {
    const token = signer.sign('p', { after: 'a' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(signer.verify('p', `${token.slice(0, -1)}${last}`)).toBeUndefined();
    expect(signer.verify('p', token.slice(0, -2))).toBeUndefined();
  });

  it.each(['', '.', 'abc', 'abc.', '.abc', 'a.b.c', `${'x'.repeat(10)}.${'y'.repeat(43)}`])(
    'returns undefined for the malformed token %j',
    (token) => {
      expect(signer.verify('p', token)).toBeUndefined();
    },
  );

  it('separates purposes: a token for one never verifies for another', () => {
    const token = signer.sign('cursor:tenants', { after: 'x' });
    expect(signer.verify('cursor:audit-events', token)).toBeUndefined();
    expect(signer.verify('cursor:tenants', token)).toEqual({ after: 'x' });
  });

  it('refuses tokens signed with another secret', () => {
    const token = signerWith('another-signing-secret-0123456789abcdefgh').sign('p', { a: 1 });
    expect(signer.verify('p', token)).toBeUndefined();
  });

  it('returns undefined when a correctly signed body is not JSON', () => {
    // Sign raw non-JSON bytes the way sign() would, to reach the parse step.
    const body = Buffer.from('not json').toString('base64url');
    const mac = (signer as unknown as { mac(purpose: string, body: string): string }).mac('p', body);
    expect(signer.verify('p', `${body}.${mac}`)).toBeUndefined();
  });
});
