import { randomUUID } from 'node:crypto';
import { OpenApiContract } from '../contracts/openapi-contract';
import type { NativeInput, NativeOperation, NativeResult } from '../native/native-operation';
import type { ProviderCall } from '../provider-call';
import { ProviderId } from '../provider-id';
import { backoffDelayMs, type RetryPolicy, sleep } from '../upstream/retry-policy';
import { upstreamError } from '../upstream/upstream-failure';
import { expandPath } from '../upstream/upstream-http';
import { stripeFailure, stripeForbidsRetry } from './stripe.errors';
import type { StripeMethod, StripeSdk, StripeSdkResponse } from './stripe.sdk';
import {
  STRIPE_OPERATIONS as OPS,
  type StripeCustomerOrDeleted,
  type StripeInvoice,
  type StripeList,
  type StripePortalSession,
  type StripeSubscription,
} from './stripe.wire';

/**
 * Calls to Stripe, one method per contract operation used. Method and path come from the contract,
 * so the named methods and the native pass-through send exactly the same thing. Every call carries
 * the connection's key; every POST an Idempotency-Key (the caller's, else a fresh one) that the
 * SDK reuses on its retries. The SDK retries connection errors, 409 and 5xx; 429 is retried here
 * (backoff, Retry-After) because the SDK leaves it to the caller. Failures leave as GatewayErrors.
 */
export class StripeClient {
  private readonly contract = OpenApiContract.for(ProviderId.stripe);

  constructor(
    private readonly sdk: StripeSdk,
    private readonly retry: RetryPolicy,
  ) {}

  async retrieveCustomer(call: ProviderCall, customer: string): Promise<StripeCustomerOrDeleted> {
    return (await this.send<StripeCustomerOrDeleted>(call, OPS.getCustomer, { path: { customer } })).body;
  }

  async createPortalSession(
    call: ProviderCall,
    params: Record<string, unknown>,
  ): Promise<StripePortalSession> {
    return (await this.send<StripePortalSession>(call, OPS.createPortalSession, { body: params })).body;
  }

  async listSubscriptions(
    call: ProviderCall,
    query: Record<string, unknown>,
  ): Promise<StripeList<StripeSubscription>> {
    return (await this.send<StripeList<StripeSubscription>>(call, OPS.listSubscriptions, { query })).body;
  }

  async retrieveSubscription(call: ProviderCall, id: string): Promise<StripeSubscription> {
    const path = { subscription_exposed_id: id };
    return (await this.send<StripeSubscription>(call, OPS.getSubscription, { path })).body;
  }

  async updateSubscription(
    call: ProviderCall,
    id: string,
    params: Record<string, unknown>,
  ): Promise<StripeSubscription> {
    const path = { subscription_exposed_id: id };
    return (await this.send<StripeSubscription>(call, OPS.updateSubscription, { path, body: params })).body;
  }

  async cancelSubscription(call: ProviderCall, id: string): Promise<StripeSubscription> {
    const path = { subscription_exposed_id: id };
    return (await this.send<StripeSubscription>(call, OPS.cancelSubscription, { path })).body;
  }

  async listInvoices(call: ProviderCall, query: Record<string, unknown>): Promise<StripeList<StripeInvoice>> {
    return (await this.send<StripeList<StripeInvoice>>(call, OPS.listInvoices, { query })).body;
  }

  async retrieveInvoice(call: ProviderCall, invoice: string): Promise<StripeInvoice> {
    return (await this.send<StripeInvoice>(call, OPS.getInvoice, { path: { invoice } })).body;
  }

  /** Any catalogued operation, with input already validated and account parameters fixed. */
  async callOperation(
    call: ProviderCall,
    operation: NativeOperation,
    input: NativeInput,
  ): Promise<NativeResult> {
    const { status, body } = await this.send<unknown>(call, operation.operationId, input);
    return { status, body };
  }

  private async send<T>(
    call: ProviderCall,
    operationId: string,
    input: NativeInput,
  ): Promise<StripeSdkResponse<T>> {
    const operation = this.contract.operation(operationId);
    const method = operation.method as StripeMethod;
    const path = expandPath(operation.path, input.path);
    // GET takes query parameters; POST and DELETE take the (form) body, which the SDK sends as the
    // form body for POST and, like Stripe's own SDKs, as the query string for DELETE.
    const params = (method === 'GET' ? input.query : input.body) as object | undefined;
    const options = {
      apiKey: call.credentials.apiKey,
      ...(method === 'POST' ? { idempotencyKey: call.idempotencyKey ?? randomUUID() } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      let response: StripeSdkResponse<T>;
      try {
        response = await this.sdk.send<T>(method, path, params, options);
      } catch (error) {
        const failure = stripeFailure(error);
        if (!failure) throw error;
        const rateLimited = failure.kind === 'http' && failure.status === 429;
        if (rateLimited && attempt < this.retry.maxRetries && !stripeForbidsRetry(error)) {
          await sleep(backoffDelayMs(this.retry, attempt, failure.retryAfterSeconds));
          continue;
        }
        throw upstreamError(ProviderId.stripe, failure);
      }
      // The SDK only raises for bodies shaped {error: ...}; any other error status is still one.
      if (response.status >= 400)
        throw upstreamError(ProviderId.stripe, { kind: 'http', status: response.status });
      return response;
    }
  }
}
