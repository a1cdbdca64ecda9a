import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { ProviderId } from '../provider-id';
import { createKeepAliveAgents, type KeepAliveAgents } from './keep-alive-agents';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { UpstreamHttp, type UpstreamHttpOptions } from './upstream-http';

/** Builds provider HTTP clients that share the process' keep-alive agents and configured limits. */
@Injectable()
export class UpstreamFactory implements OnModuleDestroy {
  readonly agents: KeepAliveAgents;
  readonly retry: RetryPolicy;

  constructor(readonly config: AppConfig) {
    this.agents = createKeepAliveAgents(config.UPSTREAM_CONNECT_TIMEOUT_MS);
    this.retry = { ...DEFAULT_RETRY_POLICY, maxRetries: config.UPSTREAM_MAX_RETRIES };
  }

  http(
    provider: ProviderId,
    baseUrl: string,
    summarizeError: UpstreamHttpOptions['summarizeError'],
    extras: Pick<UpstreamHttpOptions, 'retryAfterFromBody'> = {},
  ): UpstreamHttp {
    return new UpstreamHttp({
      provider,
      baseUrl,
      agents: this.agents,
      timeoutMs: this.config.UPSTREAM_TIMEOUT_MS,
      retry: this.retry,
      summarizeError,
      ...extras,
    });
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
