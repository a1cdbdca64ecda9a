import axios, { AxiosError, type AxiosInstance, type Method } from 'axios';
import type { ProviderId } from '../provider-id';
import type { KeepAliveAgents } from './keep-alive-agents';
import { nodeHttpAdapter } from './node-http-adapter';
import { backoffDelayMs, type RetryPolicy, sleep } from './retry-policy';
import { isRetryableFailure, parseRetryAfter, upstreamError, type UpstreamFailure } from './upstream-failure';

export interface UpstreamRequest {
  method: Method;
  /** Spec path template, e.g. `/organization/{organizationId}/invoice`. */
  path: string;
  pathParams?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers: Record<string, string>;
  /** Whether repeating the call is harmless (reads; writes with an idempotency key). Defaults by method. */
  retrySafe?: boolean;
}

export interface UpstreamResponse<T> {
  status: number;
  body: T;
}

export interface UpstreamHttpOptions {
  provider: ProviderId;
  baseUrl: string;
  agents: KeepAliveAgents;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Extracts a safe, human summary from a provider error body (validation messages). */
  summarizeError: (status: number, body: unknown) => string | undefined;
  /** Seconds to wait, read from a provider error body, used when no Retry-After header came. */
  retryAfterFromBody?: (status: number, body: unknown) => number | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Fills `{name}` placeholders with URL-encoded values; a missing value is a programming error. */
export function expandPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}

/**
 * The HTTP layer shared by the providers without a usable SDK: one axios instance per provider over
 * the process' keep-alive agents (nodeHttpAdapter: no redirects, no environment proxy), a total
 * timeout per attempt, bounded retries with backoff and jitter for calls that are safe to repeat
 * (honouring Retry-After), and translation of every failure into a GatewayError.
 */
export class UpstreamHttp {
  private readonly axios: AxiosInstance;

  constructor(private readonly options: UpstreamHttpOptions) {
    this.axios = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      adapter: nodeHttpAdapter(options.agents),
      timeout: options.timeoutMs,
      // We parse ourselves: a malformed body must be an error we can name, not a string.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  async request<T>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const retrySafe = request.retrySafe ?? SAFE_METHODS.has(request.method.toUpperCase());
    const maxAttempts = retrySafe ? this.options.retry.maxRetries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt<T>(request);
      if (!('failure' in outcome)) return outcome;
      const { failure } = outcome;
      if (attempt + 1 >= maxAttempts || !isRetryableFailure(failure))
        throw upstreamError(this.options.provider, failure);
      const retryAfter = failure.kind === 'http' ? failure.retryAfterSeconds : undefined;
      await sleep(backoffDelayMs(this.options.retry, attempt, retryAfter));
    }
  }

  private async attempt<T>(
    request: UpstreamRequest,
  ): Promise<UpstreamResponse<T> | { failure: UpstreamFailure }> {
    let response;
    try {
      response = await this.axios.request<string>({
        method: request.method,
        url: expandPath(request.path, request.pathParams),
        params: request.query,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        headers: Object.assign(
          {
            Accept: 'application/json',
            // Without a body, no Content-Type (axios would otherwise label a bodiless POST as a form).
            'Content-Type': request.body === undefined ? false : 'application/json',
          },
          request.headers,
        ),
      });
    } catch (error) {
      return { failure: this.transportFailure(error) };
    }
    const text = response.data ?? '';
    let body: unknown = null;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        if (response.status < 400) return { failure: { kind: 'invalid-response', status: response.status } };
        body = undefined; // an error page that is not JSON: the status alone decides
      }
    }
    if (response.status >= 200 && response.status < 300) return { status: response.status, body: body as T };
    return {
      failure: {
        kind: 'http',
        status: response.status,
        retryAfterSeconds:
          parseRetryAfter(response.headers['retry-after']) ??
          this.options.retryAfterFromBody?.(response.status, body),
        summary: this.options.summarizeError(response.status, body),
      },
    };
  }

  private transportFailure(error: unknown): UpstreamFailure {
    if (error instanceof AxiosError) {
      if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' || error.code === 'ECONNTIMEOUT')
        return { kind: 'timeout' };
      const cause = (error.cause as { code?: string } | undefined)?.code;
      if (cause === 'ECONNTIMEOUT') return { kind: 'timeout' };
      return { kind: 'network', code: error.code ?? cause };
    }
    return { kind: 'network' };
  }
}
