import { Injectable, Logger } from '@nestjs/common';
import type { Job } from '@prisma/client';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import { Readable } from 'node:stream';
import parseRange from 'range-parser';
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

  async send(job: Job, request: FastifyRequest, response: FastifyReply): Promise<void> {
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
    void response.headers({
      'Content-Type': job.artifactContentType ?? 'application/octet-stream',
      'Content-Disposition': contentDisposition(job.artifactFilename ?? 'artifact'),
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-cache',
    });
    if (fresh(request.headers, { etag })) {
      stream.destroy();
      void response.code(304).send();
      return;
    }
    if (range) {
      void response.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    }
    void response.header('Content-Length', String(range ? range.end - range.start + 1 : size));
    if (request.method === 'HEAD') {
      stream.destroy();
      // Fastify's HEAD handling resets Content-Length for an empty payload but keeps it for a stream.
      void response.send(Readable.from([]));
      return;
    }
    // Once streaming has begun the headers are gone: a failing read can only be logged (the client
    // sees a short body).
    stream.once('error', (err) => this.logger.warn({ err, jobId: job.id }, 'Artifact download interrupted'));
    void response.send(stream);
  }

  /** The single range to serve, undefined for the whole file; throws 416 when unsatisfiable. */
  private rangeOf(request: FastifyRequest, size: number, etag: string): ByteRange | undefined {
    if (!request.headers.range) return undefined;
    const ifRange = request.headers['if-range'];
    if (ifRange !== undefined && ifRange !== etag) return undefined; // the client holds another version
    const ranges = parseRange(size, request.headers.range, { combine: true });
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
