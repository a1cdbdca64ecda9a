import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/**
 * Keep-alive agents shared by every upstream call of the process (axios providers and the Stripe
 * SDK), so calls reuse TCP/TLS connections. The connect timeout applies to opening a connection
 * only; a reused connection skips it.
 */
function withConnectTimeout<T extends http.Agent>(agent: T, connectTimeoutMs: number): T {
  const createConnection = (
    agent as unknown as { createConnection: (...args: unknown[]) => Duplex }
  ).createConnection.bind(agent);
  (agent as unknown as { createConnection: (...args: unknown[]) => Duplex }).createConnection = (
    ...args: unknown[]
  ) => {
    const socket = createConnection(...args);
    const timer = setTimeout(() => {
      socket.destroy(
        Object.assign(new Error(`connect timeout after ${connectTimeoutMs} ms`), { code: 'ECONNTIMEOUT' }),
      );
    }, connectTimeoutMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    return socket;
  };
  return agent;
}

export interface KeepAliveAgents {
  http: http.Agent;
  https: https.Agent;
}

export function createKeepAliveAgents(connectTimeoutMs: number): KeepAliveAgents {
  const options = {
    keepAlive: true,
    keepAliveMsecs: 1_000,
    maxSockets: 256,
    maxFreeSockets: 64,
    scheduling: 'lifo' as const,
  };
  return {
    http: withConnectTimeout(new http.Agent(options), connectTimeoutMs),
    https: withConnectTimeout(new https.Agent(options), connectTimeoutMs),
  };
}
