import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
// Pinned on both sides: otherwise decryption accepts a tag truncated to as little as 4 bytes.
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface EncryptedValue {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyVersion: number;
}

export class CredentialDecryptionError extends Error {
  constructor(reason: string) {
    super(`Stored credentials could not be decrypted: ${reason}`);
  }
}

/** Parses `2:<base64>,1:<base64>` (newest first) into a keyring; throws on malformed keys. */
export function parseKeyring(entries: string[]): { current: number; keys: Map<number, Buffer> } {
  const keys = new Map<number, Buffer>();
  for (const entry of entries) {
    const [versionText, encoded] = entry.split(':', 2);
    const version = Number(versionText);
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!Number.isInteger(version) || version < 1)
      throw new Error(`Key version "${versionText}" must be a positive integer`);
    if (key.length !== KEY_BYTES)
      throw new Error(`Encryption key version ${version} must decode to ${KEY_BYTES} bytes`);
    if (keys.has(version)) throw new Error(`Encryption key version ${version} is listed twice`);
    keys.set(version, key);
  }
  if (keys.size === 0) throw new Error('At least one credentials encryption key is required');
  return { current: Number(entries[0]!.split(':', 1)[0]), keys };
}

/**
 * AES-256-GCM with a fresh random IV per value. The associated data binds a ciphertext to the row
 * it belongs to, so a ciphertext copied onto another connection fails authentication instead of
 * decrypting to someone else's secret.
 */
@Injectable()
export class CredentialCipher {
  private readonly keyring: ReturnType<typeof parseKeyring>;

  constructor(config: AppConfig) {
    this.keyring = parseKeyring(config.CREDENTIALS_ENCRYPTION_KEYS);
  }

  get currentKeyVersion(): number {
    return this.keyring.current;
  }

  encrypt(plaintext: string, associatedData: string): EncryptedValue {
    const keyVersion = this.keyring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyring.keys.get(keyVersion)!, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyVersion };
  }

  decrypt(value: EncryptedValue, associatedData: string): string {
    const key = this.keyring.keys.get(value.keyVersion);
    if (!key) throw new CredentialDecryptionError(`key version ${value.keyVersion} is not configured`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, value.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(value.tag);
      return Buffer.concat([decipher.update(value.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // GCM authentication failed: tampered ciphertext/IV/tag or wrong row. Never return garbage.
      throw new CredentialDecryptionError('authentication failed');
    }
  }
}
