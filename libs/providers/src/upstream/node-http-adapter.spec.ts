import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { GatewayError } from '@app/errors';
import { createKeepAliveAgents } from './keep-alive-agents';
import { UpstreamHttp } from './upstream-http';
import { closedPort, serveOnLoopback, stopServer } from '../../../../test/support/network';

/** UpstreamHttp over nodeHttpAdapter against a real server: what is sent, what comes back, failures. */
describe('nodeHttpAdapter (through UpstreamHttp)', () => {
  let server: Server;
  let origin: string;
  const received: Array<{
    method: string;
    url: string;
    headers: IncomingHttpHeaders;
    body: string;
    port: number;
  }> = [];
  const agents = createKeepAliveAgents(1_000);
  const routes: Record<string, (response: ServerResponse) => void> = {
    '/v1/things/a%20b': (response) => response.writeHead(200).end('{"ok":true}'),
    '/v1/gzipped': (response) =>
      response.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync('{"zipped":true}')),
    '/v1/busy': (response) => response.writeHead(503, { 'Retry-After': '7' }).end('{"message":"busy"}'),
    '/v1/moved': (response) => response.writeHead(302, { Location: '/v1/things/a%20b' }).end('{}'),
    '/v1/silent': () => undefined,
  };
  const client = (baseUrl = `${origin}/v1/`, timeoutMs = 2_000) =>
    new UpstreamHttp({
      provider: 'qovery',
      baseUrl,
      agents,
      timeoutMs,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      summarizeError: () => undefined,
    });

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const [path] = request.url!.split('?');
        const { method, url, headers, socket } = request;
        received.push({ method: method!, url: url!, headers, body, port: socket.remotePort! });
        routes[path!]!(response);
      });
    });
    origin = await serveOnLoopback(server);
  });
  afterAll(async () => {
    agents.http.destroy();
    await stopServer(server);
  });
  beforeEach(() => (received.length = 0));

  it('sends the path and axios-serialised query verbatim, over one kept-alive connection', async () => {
    const http = client();
    const request = { method: 'GET' as const, path: '/things/{id}', pathParams: { id: 'a b' }, headers: {} };
    const answer = await http.request({ ...request, query: { limit: 5, ids: ['x', 'y'], q: "it's" } });
    await http.request(request);
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(received[0]!.url).toBe("/v1/things/a%20b?limit=5&ids%5B%5D=x&ids%5B%5D=y&q=it's");
    expect(received[0]!.headers).toMatchObject({
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(received[0]!.headers['content-type']).toBeUndefined();
    expect(received[1]!.port).toBe(received[0]!.port);
  });

  it('sends a JSON body with its type and length, and decodes a compressed answer', async () => {
    const answer = await client().request({
      method: 'POST',
      path: '/gzipped',
      body: { name: 'é' },
      headers: { Authorization: 'Token t' },
    });
    expect(answer.body).toEqual({ zipped: true });
    expect(received[0]).toMatchObject({ method: 'POST', body: '{"name":"é"}' });
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength('{"name":"é"}')),
      authorization: 'Token t',
    });
  });

  it('hands back statuses as they are: errors with Retry-After, redirects not followed', async () => {
    const busy = (await client()
      .request({ method: 'GET', path: '/busy', headers: {} })
      .catch((error: unknown) => error)) as GatewayError;
    expect(busy.options.extensions).toMatchObject({ upstreamStatus: 503, retryable: true });
    expect(busy.options.headers).toEqual({ 'Retry-After': '7' });
    const moved = (await client()
      .request({ method: 'GET', path: '/moved', headers: {} })
      .catch((error: unknown) => error)) as GatewayError;
    expect(moved.options.extensions).toMatchObject({ upstreamStatus: 302 });
    expect(received.map((request) => request.url)).toEqual(['/v1/busy', '/v1/moved']);
  });

  it('times out a silent server and reports a refused connection', async () => {
    const silent = (await client(undefined, 200)
      .request({ method: 'GET', path: '/silent', headers: {} })
      .catch((error: unknown) => error)) as GatewayError;
    expect(silent.type).toBe('provider-timeout');
    const port = await closedPort();
    const refused = (await client(`http://127.0.0.1:${port}`)
      .request({ method: 'GET', path: '/x', headers: {} })
      .catch((error: unknown) => error)) as GatewayError;
    expect(refused.type).toBe('provider-unavailable');
    expect(refused.detail).toContain('ECONNREFUSED');
  });
});
