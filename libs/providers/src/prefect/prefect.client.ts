import type { ProviderCall } from '../provider-call';
import type { UpstreamHttp, UpstreamRequest, UpstreamResponse } from '../upstream/upstream-http';
import {
  PREFECT_PATHS,
  type PrefectBillingDetails,
  type PrefectCheckoutBody,
  type PrefectCheckoutResponse,
  type PrefectReturnUrlBody,
  type PrefectUpdateSlotsBody,
} from './prefect.wire';

export type PrefectRequest = Omit<UpstreamRequest, 'headers'>;

/** The Prefect account a connection points at (validated as a UUID when the connection is saved). */
export const prefectAccountId = (call: ProviderCall): string => String(call.account.accountId);

/**
 * HTTP calls to Prefect Cloud's billing API, one method per spec operation the adapter uses.
 * Authentication is the API key as a bearer token; every path is scoped by the account id.
 */
export class PrefectClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** Any operation of the spec (native calls); `path` is the spec template. */
  send<T = unknown>(call: ProviderCall, request: PrefectRequest): Promise<UpstreamResponse<T>> {
    return this.http.request<T>({
      ...request,
      headers: { Authorization: `Bearer ${call.credentials.apiKey}` },
    });
  }

  async getBillingDetails(call: ProviderCall): Promise<PrefectBillingDetails> {
    const response = await this.send<PrefectBillingDetails>(
      call,
      this.forAccount(call, 'GET', PREFECT_PATHS.details),
    );
    return response.body;
  }

  /** 200 is untyped in the spec: the caller has to find the URL. Not retried (creates a session). */
  async createBillingPortalSession(call: ProviderCall, body: PrefectReturnUrlBody): Promise<unknown> {
    const response = await this.send(call, {
      ...this.forAccount(call, 'POST', PREFECT_PATHS.createBillingPortalSession),
      body,
    });
    return response.body;
  }

  async getCheckoutLink(call: ProviderCall, body: PrefectCheckoutBody): Promise<PrefectCheckoutResponse> {
    const response = await this.send<PrefectCheckoutResponse>(call, {
      ...this.forAccount(call, 'POST', PREFECT_PATHS.subscribe),
      body,
    });
    return response.body;
  }

  /** 204 without a body. Setting slots to an absolute count is safe to repeat, so it is retried. */
  async updateSlots(call: ProviderCall, body: PrefectUpdateSlotsBody): Promise<void> {
    await this.send(call, {
      ...this.forAccount(call, 'POST', PREFECT_PATHS.updateSlots),
      body,
      retrySafe: true,
    });
  }

  /** 200 is untyped in the spec; the adapter re-reads the details instead of trusting it. */
  async cancelOrgSubscriptionAtPeriodEnd(call: ProviderCall): Promise<void> {
    await this.send(call, this.forAccount(call, 'POST', PREFECT_PATHS.cancelOrgSubscription));
  }

  private forAccount(call: ProviderCall, method: 'GET' | 'POST', path: string): PrefectRequest {
    return { method, path, pathParams: { account_id: prefectAccountId(call) } };
  }
}
