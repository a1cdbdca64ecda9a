import type { AppConfig } from '@app/config';
import { Signer } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { InvoiceCursorCodec, InvoiceListing } from './invoice-cursor';

const signer = new Signer({ APP_SIGNING_SECRET: 'unit_test_signing_secret_0123456789abcdef' } as AppConfig);
const codec = new InvoiceCursorCodec(signer);
const LISTING: InvoiceListing = { connectionId: 'conn-a', status: 'paid' };

function rejection(listing: InvoiceListing, cursor: string): GatewayError {
  try {
    codec.decode(listing, cursor);
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected the cursor to be rejected');
}

describe('InvoiceCursorCodec', () => {
  it('round-trips the provider cursor for the same listing', () => {
    const cursor = codec.encode(LISTING, 'in_1NqK2bLkdIwHu7ix');
    expect(cursor).not.toContain('in_1NqK2bLkdIwHu7ix');
    expect(codec.decode(LISTING, cursor)).toBe('in_1NqK2bLkdIwHu7ix');
    const unfiltered = { connectionId: 'conn-a' };
    expect(codec.decode(unfiltered, codec.encode(unfiltered, '40'))).toBe('40');
  });

  it('treats a missing or empty cursor as the first page', () => {
    expect(codec.decode(LISTING, undefined)).toBeUndefined();
    expect(codec.decode(LISTING, '')).toBeUndefined();
  });

  it.each([
    ['another connection', { connectionId: 'conn-b', status: 'paid' }],
    ['another status filter', { connectionId: 'conn-a', status: 'open' }],
    ['no status filter', { connectionId: 'conn-a' }],
  ])('refuses a cursor replayed against %s', (_name, listing) => {
    const error = rejection(listing, codec.encode(LISTING, 'in_1'));
    expect(error.status).toBe(400);
    expect(error.options.errors?.map((e) => e.field)).toEqual(['cursor']);
  });

  it('refuses edited, truncated, foreign-purpose and garbage cursors with a 400 naming cursor', () => {
    const cursor = codec.encode(LISTING, 'in_1');
    const [body, mac] = cursor.split('.');
    const edited = Buffer.from(JSON.stringify({ c: 'conn-a', s: 'paid', p: 'in_999' })).toString('base64url');
    for (const candidate of [
      `${edited}.${mac}`,
      `${body}.${mac!.slice(0, -2)}`,
      `${body}`,
      signer.sign('cursor:tenants', { c: 'conn-a', s: 'paid', p: 'in_1' }),
      'garbage',
      `${cursor}.extra`,
    ]) {
      const error = rejection(LISTING, candidate);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error.status).toBe(400);
      expect(error.options.errors?.map((e) => e.field)).toEqual(['cursor']);
    }
  });
});
