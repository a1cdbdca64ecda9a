import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import type { KeepAliveAgents } from '@app/providers';

/** What a file URL answered in the end (after redirects): status, headers and the decoded body. */
export interface FileResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

export interface FileGetOptions {
  agents: KeepAliveAgents;
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /** Time allowed until each response starts; the body is bounded by signal. */
  responseTimeoutMs: number;
  /** Aborts the whole transfer, redirects and body included. */
  signal: AbortSignal;
  /** Vets every URL before it is requested: the first one and each redirect target. */
  checkUrl: (url: string) => URL;
}

export class ResponseTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No response within ${timeoutMs} ms.`);
  }
}

export class TooManyRedirectsError extends Error {
  constructor(readonly maxRedirects: number) {
    super(`More than ${maxRedirects} redirects.`);
  }
}

export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`Unsupported content encoding ${encoding}.`);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Files are stored as served, so none is asked for compressed; these cover servers that do anyway. */
const DECODERS: Record<string, () => Transform> = {
  gzip: createUnzip,
  'x-gzip': createUnzip,
  deflate: createUnzip,
  br: createBrotliDecompress,
};
const HEADERS = { 'Accept-Encoding': 'identity', 'User-Agent': 'billing-portal-gateway' };

/**
 * GET of a file URL with node:http(s) over the shared keep-alive agents, following redirects.
 * Not axios on purpose: its Node adapter, with `proxy: false`, assigns a fresh arrow function to
 * `options.beforeRedirects.direct` on every request. V8 allocates a function literal assigned to a
 * property straight in the old generation, and that closure holds the adapter's whole scope
 * (request, response and, through the response's listeners, the consumer's streams). Old objects
 * are roots for young-generation GCs, so every download's garbage was promoted and stayed until
 * the next full GC (about 11 MiB of old generation over a 500-file export).
 */
export async function getFile(url: string, options: FileGetOptions): Promise<FileResponse> {
  let target = options.checkUrl(url);
  for (let redirects = 0; ; redirects++) {
    const response = await request(target, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(status) || !location)
      return { status, headers: response.headers, body: decoded(response) };
    response.resume(); // drained, its connection goes back to the pool
    if (redirects >= options.maxRedirects) throw new TooManyRedirectsError(options.maxRedirects);
    target = options.checkUrl(new URL(location, target).href);
  }
}

function request(url: URL, { agents, responseTimeoutMs, signal }: FileGetOptions): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const outgoing = (secure ? https : http).get(url, {
      agent: secure ? agents.https : agents.http,
      headers: HEADERS,
      signal,
    });
    const timer = setTimeout(
      () => outgoing.destroy(new ResponseTimeoutError(responseTimeoutMs)),
      responseTimeoutMs,
    );
    outgoing.once('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    // Kept after the response: a later failure (e.g. the signal) also breaks the body, which reports it.
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return response;
  const decoder = DECODERS[encoding];
  if (!decoder) {
    response.destroy();
    throw new UnsupportedEncodingError(encoding);
  }
  return pipeline(response, decoder(), () => undefined); // errors reach the consumer through the decoder
}
