import type { Readable } from 'node:stream';

/** What storing a file measured while it streamed through. */
export interface StoredArtifact {
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes stored. */
  sha256: string;
  contentType: string;
}

export interface WriteOptions {
  /** Content type the source declared (e.g. an upstream header); the bytes win when recognisable. */
  declaredContentType?: string;
  /** Writing fails with ArtifactTooLargeError beyond this many bytes. */
  maxBytes?: number;
}

/** Inclusive byte range, as in HTTP Range headers. */
export interface ByteRange {
  start: number;
  end: number;
}

export class ArtifactTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file exceeds the ${maxBytes} byte limit.`);
  }
}

export class ArtifactMissingError extends Error {
  constructor(readonly key: string) {
    super(`Artifact ${key} is not in storage.`);
  }
}

/**
 * Where job artifacts live. Files stream in and out, never whole in memory. Keys are paths chosen
 * by the gateway (`<tenantId>/<jobId>/<file>`), never by clients. The local-directory
 * implementation serves one machine or a shared volume; an object store can implement the same
 * contract for multi-host deployments.
 */
export abstract class ArtifactStorage {
  /** Stores the stream under key, replacing any previous content only once it is complete. */
  abstract write(key: string, source: NodeJS.ReadableStream, options?: WriteOptions): Promise<StoredArtifact>;

  /** Opens the stored file (or a range of it); ArtifactMissingError when it is gone. */
  abstract read(key: string, range?: ByteRange): Promise<Readable>;
}
