import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@app/config';
import { GatewayError } from '@app/errors';
import { createKeepAliveAgents, type UpstreamFactory } from '@app/providers';
import { RemoteFiles } from './remote-files';

describe('RemoteFiles', () => {
  let server: Server;
  let origin: string;
  const received: string[] = [];
  const agents = createKeepAliveAgents(1_000);
  const remote = new RemoteFiles(
    { agents } as UpstreamFactory,
    {
      UPSTREAM_TIMEOUT_MS: 2_000,
      DOWNLOAD_TIMEOUT_MS: 2_000,
    } as AppConfig,
  );

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(`${request.method} ${request.url}`);
      response.writeHead(request.url === '/gone' ? 404 : request.url === '/busy' ? 503 : 204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agents.http.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (received.length = 0));

  it('sends the DELETE to an allowed origin; an already deleted file is fine', async () => {
    await remote.delete('qovery', `${origin}/reports/1?token=abc`, [origin]);
    await remote.delete('qovery', `${origin}/gone`, ['https://api.qovery.com', origin]);
    expect(received).toEqual(['DELETE /reports/1?token=abc', 'DELETE /gone']);
  });

  it.each([
    ['another origin', () => `${origin.replace('127.0.0.1', 'localhost')}/reports/1`],
    ['another scheme', () => 'file:///etc/passwd'],
    ['no URL at all', () => 'not a url'],
  ])('never calls a delete URL on %s', async (_case, url) => {
    const error = await remote.delete('qovery', url(), [origin]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).options.extensions).toMatchObject({
      provider: 'qovery',
      retryable: false,
    });
    expect(received).toEqual([]);
  });

  it('reports a failed DELETE as a retryable provider problem', async () => {
    const error = (await remote
      .delete('qovery', `${origin}/busy`, [origin])
      .catch((caught: unknown) => caught)) as GatewayError;
    expect(error.options.extensions).toMatchObject({ upstreamStatus: 503, retryable: true });
  });
});
