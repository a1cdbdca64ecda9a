import { Injectable, Logger } from '@nestjs/common';
import type { Job } from '@prisma/client';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { ErrorType, GatewayError } from '@app/errors';
import { ArtifactMissingError, ArtifactStorage, type ByteRange } from '@app/queue';

/**
 * Streams a job's artifact with the headers downloads need: type, attachment file name, length,
 * ETag (the SHA-256), 304 for a matching If-None-Match, and single byte ranges (206; 416 when
 * outside the file). Several ranges at once get the whole file, which RFC 9110 allows.
 */
@Injectable()
export class ArtifactResponder {
  private readonly logger = new Logger(ArtifactResponder.name);

  constructor(private readonly storage: ArtifactStorage) {}

  async send(job: Job, request: Request, response: Response): Promise<void> {
    if (job.status !== 'succeeded') {
      throw job.status === 'failed'
        ? new GatewayError(ErrorType.NotFound, `Job ${job.id} failed; it has no artifact.`)
        : GatewayError.conflict(`Job ${job.id} is ${job.status}; its artifact is not ready yet.`);
    }
    if (!job.artifactKey) throw new GatewayError(ErrorType.NotFound, `Job ${job.id} produced no file.`);
    const size = Number(job.artifactSize);
    const etag = `"${job.artifactSha256}"`;
    const range = this.rangeOf(request, size, etag);
    const stream = await this.storage.read(job.artifactKey, range).catch((error: unknown) => {
      if (error instanceof ArtifactMissingError)
        throw new GatewayError(ErrorType.NotFound, `The artifact of job ${job.id} is no longer available.`);
      throw error;
    });
    response.attachment(job.artifactFilename ?? 'artifact');
    response.set({
      'Content-Type': job.artifactContentType ?? 'application/octet-stream',
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-cache',
    });
    if (request.fresh) {
      stream.destroy();
      response.status(304).end();
      return;
    }
    if (range) {
      response.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    }
    response.set('Content-Length', String(range ? range.end - range.start + 1 : size));
    if (request.method === 'HEAD') {
      stream.destroy();
      response.end();
      return;
    }
    await pipeline(stream, response).catch((err: unknown) => {
      // Headers are gone by now: all that is left is to log it (the client sees a short body).
      this.logger.warn({ err, jobId: job.id }, 'Artifact download interrupted');
    });
  }

  /** The single range to serve, undefined for the whole file; throws 416 when unsatisfiable. */
  private rangeOf(request: Request, size: number, etag: string): ByteRange | undefined {
    if (!request.headers.range) return undefined;
    const ifRange = request.headers['if-range'];
    if (ifRange !== undefined && ifRange !== etag) return undefined; // the client holds another version
    const ranges = request.range(size, { combine: true });
    if (ranges === -1) {
      throw new GatewayError(
        ErrorType.RangeNotSatisfiable,
        `The file is ${size} bytes long; the range lies outside it.`,
        {
          headers: { 'Content-Range': `bytes */${size}` },
        },
      );
    }
    if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1)
      return undefined;
    return { start: ranges[0]!.start, end: ranges[0]!.end };
  }
}
