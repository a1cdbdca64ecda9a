import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP relay to a real service (e.g. the suite's Redis) that a test can cut: the process
 * pointed at it loses the service as in an outage (connections reset, new ones refused), while
 * everything else keeps using the service directly.
 */
export class TcpCut {
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((client) => {
    const upstream = createConnection(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined); // the cut resets both ends
    }
    client.pipe(upstream).pipe(client);
  });

  private constructor(private readonly targetPort: number) {}

  /** A relay to 127.0.0.1:targetPort; resolves with it listening. */
  static async to(targetPort: number): Promise<TcpCut> {
    const relay = new TcpCut(targetPort);
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** Refuses new connections and resets the open ones. */
  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const socket of this.sockets) socket.resetAndDestroy();
    await closed;
  }
}
