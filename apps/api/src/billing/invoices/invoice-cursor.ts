import { Signer } from '@app/crypto';
import { GatewayError } from '@app/errors';

/** Live listings wrap the provider's cursor; cached listings (snapshots) an offset. */
export const INVOICE_CURSOR = 'cursor:invoices';
export const SNAPSHOT_INVOICE_CURSOR = 'cursor:invoices-snapshot';

/** What a cursor is only valid for: the listing it came from. */
export interface InvoiceListing {
  connectionId: string;
  status?: string;
}

interface Payload {
  c: string;
  s: string | null;
  p: string;
}

/**
 * Wraps a provider's own page cursor (a Stripe invoice id, an offset, ...) so callers get an
 * opaque value they cannot forge or edit, and that only continues the listing it came from:
 * replaying it against another connection (hence another tenant) or another status filter would
 * hand the provider a cursor from a different result set. Cursors of cached listings are signed for
 * another purpose, so one can never reach a provider and a live one never offsets a snapshot.
 */
export class InvoiceCursorCodec {
  constructor(
    private readonly signer: Signer,
    private readonly purpose = INVOICE_CURSOR,
  ) {}

  encode(listing: InvoiceListing, providerCursor: string): string {
    const payload: Payload = { c: listing.connectionId, s: listing.status ?? null, p: providerCursor };
    return this.signer.sign(this.purpose, payload);
  }

  /** The provider cursor to continue from (undefined for the first page); 400 naming `cursor` otherwise. */
  decode(listing: InvoiceListing, cursor: string | undefined): string | undefined {
    if (cursor === undefined || cursor === '') return undefined;
    const payload = this.signer.verify<Partial<Payload>>(this.purpose, cursor);
    if (!payload || typeof payload.p !== 'string') throw invalidCursor('cursor is not valid');
    if (payload.c !== listing.connectionId || payload.s !== (listing.status ?? null)) {
      throw invalidCursor('cursor belongs to another listing (connection or status filter)');
    }
    return payload.p;
  }
}

const invalidCursor = (message: string) => GatewayError.validation([{ field: 'cursor', message }]);
