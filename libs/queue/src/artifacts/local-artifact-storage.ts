import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArtifactMeter } from './artifact-meter';
import {
  ArtifactMissingError,
  ArtifactStorage,
  type ByteRange,
  type StoredArtifact,
  type WriteOptions,
} from './artifact-storage';

const PARTIAL_SUFFIX = '.partial';

/**
 * Artifacts as files under one directory. Writes go to a uniquely named partial file that is
 * renamed into place once complete, so readers never see half a file and a retried job simply
 * replaces it. Partial files left by a killed worker are removed by the next write of that key.
 */
export class LocalArtifactStorage extends ArtifactStorage {
  private readonly root: string;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
  }

  async write(
    key: string,
    source: NodeJS.ReadableStream,
    options: WriteOptions = {},
  ): Promise<StoredArtifact> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await this.removePartials(path);
    const partial = `${path}.${randomUUID()}${PARTIAL_SUFFIX}`;
    const meter = new ArtifactMeter(options.maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return {
      key,
      size: meter.size,
      sha256: meter.sha256(),
      contentType: meter.contentType(options.declaredContentType),
    };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ArtifactMissingError(key);
      throw error;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  /** Keys are built by the gateway, but a key must still never resolve outside the root. */
  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`Artifact key escapes the storage root: ${key}`);
    return path;
  }

  private async removePartials(path: string): Promise<void> {
    const prefix = `${basename(path)}.`;
    const entries = await readdir(dirname(path));
    await Promise.all(
      entries
        .filter((name) => name.startsWith(prefix) && name.endsWith(PARTIAL_SUFFIX))
        .map((name) => rm(`${dirname(path)}${sep}${name}`, { force: true })),
    );
  }
}
