import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on (bound, then released), to point one app at a dependency
 * that is down: connections are refused at once, as when PostgreSQL or Redis is stopped.
 */
export function closedPort(): Promise<number> {
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
