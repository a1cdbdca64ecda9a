import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now (bound, then released): a port to start a child
 * server on, or, left unused, a dependency that is down (connections are refused at once, as when
 * PostgreSQL, Redis or a provider is stopped).
 */
export function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A port to point an app at a dependency that is down. */
export const closedPort = unusedPort;

/** Starts `server` on an ephemeral loopback port; resolves with its origin (`http://127.0.0.1:<port>`). */
export async function serveOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops `server`, kept-alive connections included. */
export async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
