import { Injectable } from '@nestjs/common';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import {
  type KeepAliveAgents,
  nodeHttpAdapter,
  parseRetryAfter,
  type ProviderId,
  UpstreamFactory,
  upstreamError,
} from '@app/providers';
import { ArtifactTooLargeError } from '@app/queue';
import {
  type FileResponse,
  getFile,
  ResponseTimeoutError,
  TooManyRedirectsError,
  UnsupportedEncodingError,
} from './file-get';

export interface RemoteFile {
  body: Readable;
  contentType?: string;
}

/** Transport errors of a body that stopped mid-way: worth another attempt. */
const BROKEN_STREAM_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

const MAX_REDIRECTS = 3;

const permanent = (provider: ProviderId, detail: string) =>
  new GatewayError(ErrorType.ProviderInvalidResponse, detail, { extensions: { provider, retryable: false } });

/**
 * Files at URLs a provider handed out (invoice PDFs, usage reports): streamed, never buffered,
 * over the process' shared keep-alive agents, with a time limit for the whole transfer. No
 * credentials are sent: these URLs are pre-signed. Failures become the same provider problems as
 * API calls (status, retryable), so the job runner can decide on retries. Downloads use getFile
 * (streamed, redirects followed); the occasional DELETE goes through axios on nodeHttpAdapter.
 */
@Injectable()
export class RemoteFiles {
  private readonly http: AxiosInstance;
  private readonly agents: KeepAliveAgents;

  constructor(
    upstream: UpstreamFactory,
    private readonly config: AppConfig,
  ) {
    this.agents = upstream.agents;
    this.http = axios.create({
      adapter: nodeHttpAdapter(upstream.agents),
      timeout: config.UPSTREAM_TIMEOUT_MS,
      validateStatus: () => true,
    });
  }

  /** Opens url and hands the streaming body to consume (e.g. artifact storage). */
  async download<T>(
    provider: ProviderId,
    url: string,
    consume: (file: RemoteFile) => Promise<T>,
  ): Promise<T> {
    // A timer cleared when done rather than AbortSignal.timeout, whose timer would outlive every
    // download by DOWNLOAD_TIMEOUT_MS.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.config.DOWNLOAD_TIMEOUT_MS);
    try {
      let file: FileResponse;
      try {
        file = await getFile(url, {
          agents: this.agents,
          maxRedirects: MAX_REDIRECTS,
          // Until each response starts; DOWNLOAD_TIMEOUT_MS bounds the whole transfer.
          responseTimeoutMs: this.config.UPSTREAM_TIMEOUT_MS,
          signal: deadline.signal,
          checkUrl: (target) => this.checkedUrl(provider, target),
        });
      } catch (error) {
        throw this.requestError(provider, error, deadline.signal);
      }
      if (file.status < 200 || file.status >= 300) {
        file.body.destroy();
        throw upstreamError(provider, {
          kind: 'http',
          status: file.status,
          retryAfterSeconds: parseRetryAfter(file.headers['retry-after']),
        });
      }
      const contentType = file.headers['content-type'];
      try {
        return await consume({ body: file.body, contentType });
      } catch (error) {
        file.body.destroy();
        throw this.transferError(provider, error, deadline.signal);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * DELETE of a URL the provider returned (e.g. a usage report's delete_report_url). It is not a
   * catalogued operation, so it is only sent to an origin the provider legitimately uses: the
   * configured API origin or the origin of the file it belongs to. Anything else (another host, an
   * internal address) could turn the gateway into a proxy for requests of the provider's choosing.
   */
  async delete(provider: ProviderId, url: string, allowedOrigins: string[]): Promise<void> {
    const target = this.checkedUrl(provider, url);
    if (!allowedOrigins.includes(target.origin)) {
      throw permanent(
        provider,
        `${provider} returned a delete URL on an unexpected origin; it was not called.`,
      );
    }
    let response: AxiosResponse<unknown>;
    try {
      // nodeHttpAdapter follows no redirect: a DELETE never goes to where a redirect points.
      response = await this.http.delete(target.href, { responseType: 'text' });
    } catch (error) {
      throw this.transferError(provider, error);
    }
    // Already gone is what we wanted.
    if ((response.status >= 200 && response.status < 300) || response.status === 404) return;
    throw upstreamError(provider, { kind: 'http', status: response.status });
  }

  private checkedUrl(provider: ProviderId, url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw permanent(provider, `${provider} returned a file URL that is not a valid URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw permanent(provider, `${provider} returned a file URL that is not http(s).`);
    return parsed;
  }

  /** Failures before the body: the URL checks' problems, timeouts, redirects, connection errors. */
  private requestError(provider: ProviderId, error: unknown, signal: AbortSignal): unknown {
    if (error instanceof GatewayError) return error;
    if (signal.aborted || error instanceof ResponseTimeoutError)
      return upstreamError(provider, { kind: 'timeout' });
    if (error instanceof TooManyRedirectsError)
      return permanent(
        provider,
        `${provider} redirected the file URL more than ${error.maxRedirects} times.`,
      );
    if (error instanceof UnsupportedEncodingError)
      return permanent(provider, `${provider} sent the file in an unsupported encoding (${error.encoding}).`);
    const code = (error as { code?: string }).code;
    return code ? upstreamError(provider, { kind: 'network', code }) : error;
  }

  /** Provider errors and our own (disk, bugs) pass through; transport failures become problems. */
  private transferError(provider: ProviderId, error: unknown, signal?: AbortSignal): unknown {
    if (error instanceof GatewayError) return error;
    if (error instanceof ArtifactTooLargeError)
      return permanent(provider, `${provider} sent a file larger than ${error.maxBytes} bytes.`);
    if (signal?.aborted) return upstreamError(provider, { kind: 'timeout' });
    const code = (error as { code?: string }).code;
    if (code?.startsWith('Z_'))
      return permanent(provider, `${provider} sent a file that does not decompress.`);
    if (axios.isAxiosError(error)) {
      if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
        return upstreamError(provider, { kind: 'timeout' });
      return upstreamError(provider, { kind: 'network', code });
    }
    if (code && BROKEN_STREAM_CODES.has(code)) return upstreamError(provider, { kind: 'network', code });
    if (error instanceof Error && error.message === 'aborted')
      return upstreamError(provider, { kind: 'network' });
    return error;
  }
}
