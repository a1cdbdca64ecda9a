import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import type { AppConfig } from '@app/config';
import { GatewayError } from '@app/errors';
import { createKeepAliveAgents, type UpstreamFactory } from '@app/providers';
import { RemoteFiles } from './remote-files';
import { closedPort, serveOnLoopback, stopServer } from '../../../../test/support/network';

const PDF = Buffer.from('%PDF-1.4\n'.padEnd(200_000, 'x'));

/** Downloads through RemoteFiles: getFile's redirects, encodings and time limits as job problems. */
describe('RemoteFiles.download (getFile)', () => {
  let server: Server;
  let origin: string;
  const received: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const agents = createKeepAliveAgents(1_000);
  const remote = (timeouts: Partial<AppConfig> = {}) =>
    new RemoteFiles(
      { agents } as UpstreamFactory,
      {
        UPSTREAM_TIMEOUT_MS: 2_000,
        DOWNLOAD_TIMEOUT_MS: 2_000,
        ...timeouts,
      } as AppConfig,
    );
  const routes: Record<string, (response: ServerResponse) => void> = {
    '/file.pdf': (response) => response.writeHead(200, { 'Content-Type': 'application/pdf' }).end(PDF),
    '/moved': (response) => response.writeHead(302, { Location: 'file.pdf' }).end(),
    '/loop': (response) => response.writeHead(301, { Location: '/loop' }).end(),
    '/to-disk': (response) => response.writeHead(307, { Location: 'file:///etc/passwd' }).end(),
    '/gzipped': (response) => response.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(PDF)),
    '/busy': (response) => response.writeHead(503, { 'Retry-After': '7' }).end('busy'),
    '/silent': () => undefined,
    '/stalls': (response) => response.writeHead(200).write(PDF.subarray(0, 1_000)),
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push({ url: request.url!, headers: request.headers });
      routes[request.url!]!(response);
    });
    origin = await serveOnLoopback(server);
  });
  afterAll(async () => {
    agents.http.destroy();
    await stopServer(server);
  });
  beforeEach(() => (received.length = 0));

  const fetched = (url: string, files = remote()) =>
    files.download('qovery', url, async (file) => ({ ...file, data: await buffer(file.body) }));
  const problem = async (url: string, files = remote()) =>
    (await fetched(url, files).catch((error: unknown) => error)) as GatewayError;

  it('follows a relative redirect, asking for the file as is and sending no credentials', async () => {
    const file = await fetched(`${origin}/moved`);
    expect(file.data.equals(PDF)).toBe(true);
    expect(file.contentType).toBe('application/pdf');
    expect(received.map((request) => request.url)).toEqual(['/moved', '/file.pdf']);
    expect(received[1]!.headers).toMatchObject({ 'accept-encoding': 'identity' });
    expect(received[1]!.headers.authorization).toBeUndefined();
  });

  it('decodes a file its server compressed anyway', async () => {
    expect((await fetched(`${origin}/gzipped`)).data.equals(PDF)).toBe(true);
  });

  it('refuses endless redirects and redirects off http(s), as permanent problems', async () => {
    for (const path of ['/loop', '/to-disk']) {
      const error = await problem(`${origin}${path}`);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error.options.extensions).toMatchObject({ provider: 'qovery', retryable: false });
    }
    expect(received.filter((request) => request.url === '/loop')).toHaveLength(4);
  });

  it('reports an error status with its Retry-After', async () => {
    const error = await problem(`${origin}/busy`);
    expect(error.options.extensions).toMatchObject({ upstreamStatus: 503, retryable: true });
    expect(error.options.headers).toEqual({ 'Retry-After': '7' });
  });

  it('times out a server that never answers, and a body that stalls', async () => {
    const quick = remote({ UPSTREAM_TIMEOUT_MS: 200, DOWNLOAD_TIMEOUT_MS: 400 });
    for (const path of ['/silent', '/stalls']) {
      const error = await problem(`${origin}${path}`, quick);
      expect(error.type).toBe('provider-timeout');
      expect(error.options.extensions).toMatchObject({ retryable: true });
    }
  });

  it('reports an unreachable host as a retryable network problem', async () => {
    const port = await closedPort();
    const error = await problem(`http://127.0.0.1:${port}/file.pdf`);
    expect(error.type).toBe('provider-unavailable');
    expect(error.detail).toContain('ECONNREFUSED');
  });
});
