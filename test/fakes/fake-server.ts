import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseForm } from 'qs';

/** One request as the fake received it, with the body decoded (JSON, or Stripe-style bracket forms). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  contentType: string | null;
  rawBody: string;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body` (e.g. to send malformed JSON). */
  raw?: string;
  headers?: Record<string, string>;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Close the socket without answering. */
  destroy?: boolean;
}

export type FakeHandler = (
  request: RecordedRequest,
  params: Record<string, string>,
) => FakeResponse | Promise<FakeResponse>;

export interface FakeRoute {
  method: string;
  /** Spec path template, e.g. `/organization/{organizationId}/invoice`. */
  path: string;
  handler: FakeHandler;
}

interface Injection {
  method?: string;
  pathIncludes?: string;
  responses: FakeResponse[];
}

/**
 * A real HTTP server on 127.0.0.1 that plays a provider: routes by spec path template, checks auth
 * the provider's way, records every request for contract assertions, and can be told to fail the
 * next N matching calls (status codes, Retry-After, hangs, malformed bodies, dropped sockets).
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  /** Every request with the response the fake gave (for response-schema contract checks). */
  readonly exchanges: Array<{ request: RecordedRequest; response: FakeResponse }> = [];
  private server?: Server;
  private injections: Injection[] = [];
  private readonly compiled: Array<FakeRoute & { pattern: RegExp; names: string[] }>;

  constructor(
    routes: FakeRoute[],
    private readonly auth: {
      check(request: RecordedRequest, route: FakeRoute): boolean;
      unauthorized: FakeResponse;
    },
  ) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** Starts listening; returns the base URL. `prefix` is prepended to every route (e.g. `/v1`). */
  async start(prefix = ''): Promise<string> {
    this.prefix = prefix;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${prefix}`;
  }

  private prefix = '';

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next calls matching `match` get these responses, in order, before normal handling resumes. */
  failNext(match: { method?: string; pathIncludes?: string }, ...responses: FakeResponse[]): void {
    this.injections.push({ ...match, responses: [...responses] });
  }

  reset(): void {
    this.requests.length = 0;
    this.exchanges.length = 0;
    this.injections = [];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.startsWith(this.prefix)
      ? url.pathname.slice(this.prefix.length) || '/'
      : url.pathname;
    const contentType = (req.headers['content-type'] ?? null) as string | null;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: parseForm(url.search.slice(1), { depth: 10, arrayLimit: 1000 }),
      headers: req.headers,
      contentType,
      rawBody,
      body: decodeBody(rawBody, contentType),
    };
    this.requests.push(request);
    const response = await this.respond(request);
    this.exchanges.push({ request, response });
    if (response.hang) return;
    if (response.destroy) {
      req.socket.destroy();
      return;
    }
    const payload = response.raw ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    res.writeHead(response.status, {
      ...(payload ? { 'Content-Type': 'application/json' } : {}),
      ...response.headers,
    });
    res.end(payload);
  }

  private async respond(request: RecordedRequest): Promise<FakeResponse> {
    const injection = this.injections.find(
      (i) =>
        (!i.method || i.method === request.method) &&
        (!i.pathIncludes || request.path.includes(i.pathIncludes)),
    );
    if (injection) {
      const next = injection.responses.shift()!;
      if (injection.responses.length === 0) this.injections.splice(this.injections.indexOf(injection), 1);
      return next;
    }
    for (const route of this.compiled) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (!match) continue;
      if (!this.auth.check(request, route)) return this.auth.unauthorized;
      const params = Object.fromEntries(
        route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
      );
      return route.handler(request, params);
    }
    return { status: 404, body: { message: `fake: no route for ${request.method} ${request.path}` } };
  }
}

function decodeBody(raw: string, contentType: string | null): unknown {
  if (raw === '') return undefined;
  if (contentType?.startsWith('application/x-www-form-urlencoded'))
    return parseForm(raw, { depth: 10, arrayLimit: 1000 });
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export const bearerOf = (request: RecordedRequest): string | undefined => {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ')
    ? header.slice('Bearer '.length)
    : undefined;
};
