import Stripe from 'stripe';
import type { AppConfig } from '@app/config';
import type { KeepAliveAgents } from '../upstream/keep-alive-agents';

export type StripeMethod = 'GET' | 'POST' | 'DELETE';

export interface StripeRequestOptions {
  /** The connection's secret or restricted key: one SDK instance serves every tenant. */
  apiKey: string;
  /** Sent as Idempotency-Key; the SDK reuses it on its own retries. */
  idempotencyKey?: string;
}

export interface StripeSdkResponse<T> {
  status: number;
  body: T;
}

/** Status and headers of an answer whose body was not JSON (the SDK's error omits them). */
export interface UnreadableAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

const UNREADABLE_ANSWER = Symbol('stripe-unreadable-answer');

/**
 * Never used for a real call: every request passes its connection's key. The SDK insists on a key
 * at construction, and a deliberately invalid one makes a call that forgot its key fail with 401
 * instead of running under another tenant's credentials.
 */
const NO_DEFAULT_KEY = 'sk_unset_every_call_passes_its_own_key';

/**
 * The SDK's generic request path (what every generated resource method calls): GET and DELETE
 * params go to the query string, POST params to the form body, both encoded by the SDK. The
 * generated methods are not used because their typings describe the newest API version and they
 * rewrite some response fields; `rawRequest` is not used because it refuses params on GET/DELETE.
 */
class StripeRequests extends Stripe.StripeResource {
  send(method: StripeMethod, path: string, params: object | undefined, options: StripeRequestOptions) {
    // The SDK formats `new Error().stack` on every request, only to append the caller's frames to
    // a failed request's error; ours become GatewayErrors (stripe.errors), which never show them.
    // Without frames to capture, that is ~30 µs less CPU per call (a poll makes three). The limit
    // is restored before anything else runs: the request's own failures arrive later, with stacks.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return this._makeRequest(method, path, params as Record<string, unknown> | undefined, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/**
 * The single Stripe SDK instance of the process, configured from AppConfig: base URL, pinned
 * Stripe-Version (the contract's API version), timeout, network retries (the SDK retries
 * connection errors, 409 and 5xx and obeys Stripe-Should-Retry) and the shared keep-alive agent.
 */
export class StripeSdk {
  private readonly requests: StripeRequests;
  private readonly basePath: string;

  constructor(config: AppConfig, agents: KeepAliveAgents) {
    const base = new URL(config.STRIPE_API_BASE_URL);
    const protocol = base.protocol === 'http:' ? 'http' : 'https';
    this.basePath = base.pathname.replace(/\/+$/, '');
    const stripe = new Stripe(NO_DEFAULT_KEY, {
      host: base.hostname,
      port: base.port || (protocol === 'http' ? 80 : 443),
      protocol,
      // The SDK types only its newest version; we deliberately pin the contract's.
      apiVersion: config.STRIPE_API_VERSION as Stripe.LatestApiVersion,
      maxNetworkRetries: config.UPSTREAM_MAX_RETRIES,
      timeout: config.UPSTREAM_TIMEOUT_MS,
      httpClient: rememberingUnreadableAnswers(Stripe.createNodeHttpClient(agents[protocol])),
      telemetry: false,
    });
    this.requests = new StripeRequests(stripe);
  }

  /** One call; `path` is the concrete path (`/v1/...`). Rejects with the SDK's StripeError subclasses. */
  async send<T>(
    method: StripeMethod,
    path: string,
    params: object | undefined,
    options: StripeRequestOptions,
  ): Promise<StripeSdkResponse<T>> {
    const body = (await this.requests.send(method, `${this.basePath}${path}`, params, options)) as T & {
      lastResponse?: { statusCode?: number };
    };
    return { status: body.lastResponse?.statusCode ?? 200, body };
  }
}

/** Attaches status and headers to the parse error of a body that is not JSON. */
export function rememberUnreadableAnswer(parseError: Error, answer: UnreadableAnswer): void {
  Object.assign(parseError, { [UNREADABLE_ANSWER]: answer });
}

/** The status and headers of an answer the SDK could not parse, when `error` is that failure. */
export function unreadableAnswerOf(error: unknown): UnreadableAnswer | undefined {
  const exception = (error as { raw?: { exception?: Record<symbol, unknown> } })?.raw?.exception;
  return exception?.[UNREADABLE_ANSWER] as UnreadableAnswer | undefined;
}

/**
 * The SDK's own Node HTTP client (on our agent), except that a body that is not JSON keeps its
 * status and headers: the SDK reports it as "Invalid JSON" without them, and a 502 page from a
 * proxy must not be confused with a 200 that is garbage.
 */
function rememberingUnreadableAnswers(inner: Stripe.HttpClient): Stripe.HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: async (...args) => {
      const response = await inner.makeRequest(...args);
      const toJSON = response.toJSON.bind(response);
      response.toJSON = () =>
        toJSON().catch((error: unknown) => {
          if (error instanceof SyntaxError) {
            rememberUnreadableAnswer(error, {
              status: response.getStatusCode(),
              headers: response.getHeaders(),
            });
          }
          throw error;
        });
      return response;
    },
  };
}
