import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-signed, URL-safe tokens for values the gateway hands out and must get back unmodified
 * (pagination cursors, client tokens). Each purpose derives its own key, so a token minted for
 * one purpose never verifies for another.
 */
@Injectable()
export class Signer {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly config: AppConfig) {}

  sign(purpose: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(purpose, body)}`;
  }

  /** Returns the payload, or undefined when the token is malformed or was not signed by us. */
  verify<T>(purpose: string, token: string): T | undefined {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(purpose, body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private mac(purpose: string, body: string): string {
    return createHmac('sha256', this.key(purpose)).update(body).digest('base64url');
  }

  private key(purpose: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(
        hkdfSync('sha256', this.config.APP_SIGNING_SECRET, '', `billing-gateway:${purpose}`, 32),
      );
      this.keys.set(purpose, key);
    }
    return key;
  }
}
