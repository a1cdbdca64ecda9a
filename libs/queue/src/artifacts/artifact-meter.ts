import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ArtifactTooLargeError } from './artifact-storage';

/** File signatures we recognise: the bytes are more trustworthy than a declared content type. */
const SIGNATURES: Array<{ magic: Buffer; contentType: string }> = [
  { magic: Buffer.from('%PDF-'), contentType: 'application/pdf' },
  { magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]), contentType: 'application/zip' },
  { magic: Buffer.from([0x50, 0x4b, 0x05, 0x06]), contentType: 'application/zip' }, // empty archive
  { magic: Buffer.from([0x1f, 0x8b]), contentType: 'application/gzip' },
];
const SNIFF_BYTES = 8;
const SAFE_CONTENT_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

/**
 * Pass-through stream that measures what flows through it: size, SHA-256 and the leading bytes
 * (content type), and stops the flow once it exceeds a size limit.
 */
export class ArtifactMeter extends Transform {
  size = 0;
  private readonly hash: Hash = createHash('sha256');
  private head = Buffer.alloc(0);

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new ArtifactTooLargeError(this.maxBytes));
      return;
    }
    // Only the missing leading bytes are copied: a view into the chunk would keep the whole chunk
    // (64 KiB) alive for as long as the meter, e.g. per file of a bulk export until it finishes.
    if (this.head.length < SNIFF_BYTES)
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    this.hash.update(chunk);
    callback(null, chunk);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }

  /** Recognised signature first, then a well-formed declared type, else octet-stream. */
  contentType(declared?: string): string {
    const known = SIGNATURES.find(({ magic }) => this.head.subarray(0, magic.length).equals(magic));
    if (known) return known.contentType;
    const trimmed = declared?.trim();
    return trimmed && SAFE_CONTENT_TYPE.test(trimmed) ? trimmed : 'application/octet-stream';
  }
}
