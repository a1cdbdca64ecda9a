import type { AppConfig } from '@app/config';
import {
  CredentialCipher,
  CredentialDecryptionError,
  EncryptedValue,
  parseKeyring,
} from './credential-cipher';

const KEY_1 = Buffer.alloc(32, 1).toString('base64');
const KEY_2 = Buffer.alloc(32, 2).toString('base64');
const AAD = 'provider-connection:0190a6f2-0000-7000-8000-000000000001';

const cipherWith = (...keys: string[]) =>
  new CredentialCipher({ CREDENTIALS_ENCRYPTION_KEYS: keys } as AppConfig);

/** A copy of `value` with one bit of `field` flipped. */
function flipped(value: EncryptedValue, field: 'ciphertext' | 'iv' | 'tag', byte = 0): EncryptedValue {
  const bytes = Buffer.from(value[field]);
  bytes[byte] = bytes[byte]! ^ 1;
  return { ...value, [field]: bytes };
}

describe('CredentialCipher', () => {
  const cipher = cipherWith(`1:${KEY_1}`);

  it('round-trips a value', () => {
    const plaintext = JSON.stringify({ apiKey: 'sk_test_abc123', note: 'ünïcødé ✓' });
    const sealed = cipher.encrypt(plaintext, AAD);
    expect(sealed.keyVersion).toBe(1);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.ciphertext.toString('utf8')).not.toContain('sk_test_abc123');
    expect(cipher.decrypt(sealed, AAD)).toBe(plaintext);
  });

  it('round-trips an empty value', () => {
    expect(cipher.decrypt(cipher.encrypt('', AAD), AAD)).toBe('');
  });

  it('uses a fresh IV for every value', () => {
    const a = cipher.encrypt('same secret', AAD);
    const b = cipher.encrypt('same secret', AAD);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it.each(['ciphertext', 'iv', 'tag'] as const)('detects a tampered %s', (field) => {
    const sealed = cipher.encrypt('sk_live_secret', AAD);
    expect(() => cipher.decrypt(flipped(sealed, field), AAD)).toThrow(CredentialDecryptionError);
    expect(() => cipher.decrypt(flipped(sealed, field), AAD)).toThrow(
      'Stored credentials could not be decrypted: authentication failed',
    );
  });

  it('detects a truncated tag', () => {
    const sealed = cipher.encrypt('sk_live_secret', AAD);
    expect(() => cipher.decrypt({ ...sealed, tag: sealed.tag.subarray(0, 4) }, AAD)).toThrow(
      CredentialDecryptionError,
    );
  });

  it('refuses other associated data (a ciphertext moved to another row)', () => {
    const sealed = cipher.encrypt('sk_live_secret', AAD);
    expect(() => cipher.decrypt(sealed, `${AAD}x`)).toThrow(CredentialDecryptionError);
    expect(() => cipher.decrypt(sealed, '')).toThrow(CredentialDecryptionError);
  });

  it('refuses an unknown key version', () => {
    const sealed = cipher.encrypt('sk_live_secret', AAD);
    expect(() => cipher.decrypt({ ...sealed, keyVersion: 7 }, AAD)).toThrow(
      new CredentialDecryptionError('key version 7 is not configured'),
    );
  });

  it('refuses a value encrypted under another key with the same version number', () => {
    const sealed = cipherWith(`1:${KEY_2}`).encrypt('sk_live_secret', AAD);
    expect(() => cipher.decrypt(sealed, AAD)).toThrow(CredentialDecryptionError);
  });

  it('encrypts with the first key of a ring and decrypts values of older versions', () => {
    const old = cipher.encrypt('old secret', AAD);
    const ring = cipherWith(`2:${KEY_2}`, `1:${KEY_1}`);
    expect(ring.currentKeyVersion).toBe(2);
    expect(ring.decrypt(old, AAD)).toBe('old secret');
    const fresh = ring.encrypt('new secret', AAD);
    expect(fresh.keyVersion).toBe(2);
    expect(ring.decrypt(fresh, AAD)).toBe('new secret');
    // The old single-key cipher cannot read what the new key wrote.
    expect(() => cipher.decrypt(fresh, AAD)).toThrow(CredentialDecryptionError);
  });

  it('fails construction with a malformed keyring', () => {
    expect(() => cipherWith()).toThrow('At least one credentials encryption key is required');
  });
});

describe('parseKeyring', () => {
  it('parses versions and keys, newest (first) current', () => {
    const ring = parseKeyring([`3:${KEY_2}`, `1:${KEY_1}`]);
    expect(ring.current).toBe(3);
    expect([...ring.keys.keys()]).toEqual([3, 1]);
    expect(ring.keys.get(1)).toEqual(Buffer.alloc(32, 1));
  });

  it('accepts URL-safe base64', () => {
    const key = Buffer.alloc(32, 0xfb).toString('base64url');
    expect(parseKeyring([`1:${key}`]).keys.get(1)).toEqual(Buffer.alloc(32, 0xfb));
  });

  it.each([
    [[], /At least one credentials encryption key is required/],
    [[`0:${KEY_1}`], /Key version "0" must be a positive integer/],
    [[`-1:${KEY_1}`], /must be a positive integer/],
    [[`v1:${KEY_1}`], /Key version "v1" must be a positive integer/],
    [[`1.5:${KEY_1}`], /must be a positive integer/],
    [[KEY_1], /must be a positive integer/],
    [['1:'], /version 1 must decode to 32 bytes/],
    [[`1:${Buffer.alloc(16).toString('base64')}`], /version 1 must decode to 32 bytes/],
    [[`1:${Buffer.alloc(33).toString('base64')}`], /version 1 must decode to 32 bytes/],
    [[`1:${KEY_1}`, `1:${KEY_2}`], /version 1 is listed twice/],
  ])('rejects %j', (entries, message) => {
    expect(() => parseKeyring(entries as string[])).toThrow(message);
  });
});
