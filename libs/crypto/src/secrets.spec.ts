import { constantTimeEquals, maskSecret, randomToken, sha256Hex } from './secrets';

describe('secrets helpers', () => {
  it('sha256Hex hashes UTF-8 text to lowercase hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('randomToken is URL-safe and carries the requested number of random bytes', () => {
    const token = randomToken(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(randomToken(32)).not.toBe(token);
  });

  it('constantTimeEquals compares strings of any length', () => {
    expect(constantTimeEquals('same', 'same')).toBe(true);
    expect(constantTimeEquals('same', 'same ')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(true);
    expect(constantTimeEquals('a'.repeat(100), 'b')).toBe(false);
  });

  it('maskSecret keeps only the last four characters', () => {
    expect(maskSecret('sk_test_abcdef1234')).toBe('••••1234');
    expect(maskSecret('abc')).toBe('••••abc');
  });
});
