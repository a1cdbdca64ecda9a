import axios, {
  type AxiosAdapter,
  AxiosError,
  AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, unzip } from 'node:zlib';
import type { KeepAliveAgents } from './keep-alive-agents';

/** Bodies servers compressed because we said we accept it; any other encoding passes through as is. */
const DECODERS: Record<string, (data: Buffer) => Promise<Buffer>> = {
  gzip: promisify(unzip),
  'x-gzip': promisify(unzip),
  deflate: promisify(unzip),
  br: promisify(brotliDecompress),
};
const USER_AGENT = 'billing-portal-gateway';

/**
 * axios's transport for upstream calls: one request over the shared keep-alive agents, answered
 * whatever its status (validateStatus decides), never following redirects, with config.timeout
 * bounding the whole exchange. axios keeps merging configs and serialising params (the URL comes
 * from getUri), so requests look as before; only its Node adapter is left out. With `proxy: false`
 * that adapter assigns a fresh arrow function to `options.beforeRedirects.direct` on every request,
 * which V8 allocates straight in the old generation: the closure keeps the request's whole scope
 * (request, response, config) alive through every young-generation GC until the next full one, so
 * each call's garbage was promoted (about 13 KB per call; a bulk export makes one per invoice).
 */
export function nodeHttpAdapter(agents: KeepAliveAgents): AxiosAdapter {
  return (config) =>
    new Promise((resolve, reject) => {
      // axios builds the URL (base, params) as it always has; its path and query are sent verbatim.
      const uri = axios.getUri(config);
      const url = new URL(uri);
      const secure = url.protocol === 'https:';
      const body = typeof config.data === 'string' ? config.data : undefined;
      const headers = AxiosHeaders.from(config.headers)
        .set('Accept-Encoding', 'gzip, deflate, br', false)
        .set('User-Agent', USER_AGENT, false);
      if (body !== undefined) headers.setContentLength(Buffer.byteLength(body));
      const request = (secure ? https : http).request({
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port,
        path: uri.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, '') || '/',
        method: (config.method ?? 'get').toUpperCase(),
        headers: headers.toJSON(true) as Record<string, string>,
        agent: secure ? agents.https : agents.http,
        signal: config.signal as AbortSignal | undefined,
      });
      const timer = config.timeout
        ? setTimeout(() => {
            const message = `timeout of ${config.timeout}ms exceeded`;
            request.destroy(new AxiosError(message, AxiosError.ECONNABORTED, config, request));
          }, config.timeout)
        : undefined;
      const fail = (error: unknown, code?: string) => {
        clearTimeout(timer);
        reject(error instanceof AxiosError ? error : AxiosError.from(error, code, config, request));
      };
      request.on('error', (error: NodeJS.ErrnoException) => fail(error, error.code));
      request.once('response', (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', (error: NodeJS.ErrnoException) => fail(error, error.code));
        answer.on('end', () => {
          clearTimeout(timer);
          settle(config, request, answer, Buffer.concat(chunks)).then(resolve, reject);
        });
      });
      request.end(body);
    });
}

async function settle(
  config: InternalAxiosRequestConfig,
  request: http.ClientRequest,
  answer: IncomingMessage,
  raw: Buffer,
): Promise<AxiosResponse> {
  const encoding = answer.headers['content-encoding']?.trim().toLowerCase();
  const decode = encoding ? DECODERS[encoding] : undefined;
  let bytes = raw;
  try {
    if (decode && raw.length > 0) bytes = await decode(raw);
  } catch (error) {
    throw AxiosError.from(error, AxiosError.ERR_BAD_RESPONSE, config, request);
  }
  const response: AxiosResponse = {
    data: config.responseType === 'arraybuffer' ? bytes : bytes.toString('utf8'),
    status: answer.statusCode ?? 0,
    statusText: answer.statusMessage ?? '',
    headers: AxiosHeaders.from(answer.headers as Record<string, string>),
    config,
    request,
  };
  if (config.validateStatus && !config.validateStatus(response.status)) {
    const message = `Request failed with status code ${response.status}`;
    throw new AxiosError(message, AxiosError.ERR_BAD_RESPONSE, config, request, response);
  }
  return response;
}
