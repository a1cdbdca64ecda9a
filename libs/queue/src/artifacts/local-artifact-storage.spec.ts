import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ArtifactMissingError, ArtifactTooLargeError } from './artifact-storage';
import { LocalArtifactStorage } from './local-artifact-storage';

const chunks = (...parts: Array<string | Buffer>) => Readable.from(parts.map((part) => Buffer.from(part)));

describe('LocalArtifactStorage', () => {
  let root: string;
  let storage: LocalArtifactStorage;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'artifacts-spec-'));
    storage = new LocalArtifactStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('measures size and SHA-256 while streaming, and recognises the content from its bytes', async () => {
    const stored = await storage.write('t/j/invoice.pdf', chunks('%PDF-1.7\n', 'body'), {
      declaredContentType: 'text/plain',
    });
    expect(stored).toEqual({
      key: 't/j/invoice.pdf',
      size: 13,
      sha256: createHash('sha256').update('%PDF-1.7\nbody').digest('hex'),
      contentType: 'application/pdf',
    });
    expect(await text(await storage.read('t/j/invoice.pdf'))).toBe('%PDF-1.7\nbody');
    expect(await text(await storage.read('t/j/invoice.pdf', { start: 1, end: 3 }))).toBe('PDF');
  });

  it('keeps a declared type it cannot recognise, and falls back to octet-stream for junk', async () => {
    expect(
      (await storage.write('a/b/r.csv', chunks('a,b\n'), { declaredContentType: 'text/csv; charset=utf-8' }))
        .contentType,
    ).toBe('text/csv; charset=utf-8');
    expect(
      (await storage.write('a/b/x', chunks('?'), { declaredContentType: 'text/html\r\nX-Evil: 1' }))
        .contentType,
    ).toBe('application/octet-stream');
  });

  it('leaves neither the file nor a partial file behind when the stream fails or is too large', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.write('t/j/broken.pdf', failing)).rejects.toThrow('connection reset');
    await expect(
      storage.write('t/j/big.pdf', chunks('12345', '67890'), { maxBytes: 8 }),
    ).rejects.toBeInstanceOf(ArtifactTooLargeError);
    expect(readdirSync(join(root, 't/j'))).toEqual([]);
    await expect(storage.read('t/j/broken.pdf')).rejects.toBeInstanceOf(ArtifactMissingError);
  });

  it('replaces an artifact only once the new content is complete', async () => {
    await storage.write('t/j/f', chunks('old'));
    await storage.write('t/j/f', chunks('new'));
    expect(await text(await storage.read('t/j/f'))).toBe('new');
    expect(readdirSync(join(root, 't/j'))).toEqual(['f']);
  });

  it('refuses keys that resolve outside its directory', async () => {
    await expect(storage.write('../escape', chunks('x'))).rejects.toThrow(/escapes/);
  });
});
