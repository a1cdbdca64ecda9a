import { OpenApiContract } from '../contracts/openapi-contract';
import type { NativeInput, NativeOperation, NativeResult } from '../native/native-operation';
import { ProviderId } from '../provider-id';
import type { UpstreamHttp, UpstreamResponse } from '../upstream/upstream-http';
import { type AmpersandAuthScheme, authHeaders, authSchemeFor } from './ampersand.auth';
import type {
  AmpersandBillingAccount,
  AmpersandPortalSession,
  AmpersandPortalSessionRequest,
} from './ampersand.wire';

/**
 * HTTP calls to Ampersand, one method per spec operation used. Method, path and auth scheme come
 * from the contract, so the named methods and the native pass-through send exactly the same thing.
 */
export class AmpersandClient {
  private readonly contract = OpenApiContract.for(ProviderId.ampersand);
  private readonly schemes = new Map<string, AmpersandAuthScheme>();

  constructor(private readonly http: UpstreamHttp) {}

  async createBillingAccountSession(
    apiKey: string,
    billingAccountId: string,
    body: AmpersandPortalSessionRequest,
  ): Promise<AmpersandPortalSession> {
    const response = await this.send<AmpersandPortalSession>(apiKey, 'createBillingAccountSession', {
      path: { billingAccountId },
      body,
    });
    return response.body;
  }

  async getOrgBillingAccount(apiKey: string, orgId: string): Promise<AmpersandBillingAccount> {
    const response = await this.send<AmpersandBillingAccount>(apiKey, 'getOrgBillingAccount', {
      path: { orgId },
    });
    return response.body;
  }

  /** Any catalogued operation, with input already validated and account parameters fixed. */
  async callOperation(apiKey: string, operation: NativeOperation, input: NativeInput): Promise<NativeResult> {
    const { status, body } = await this.send<unknown>(apiKey, operation.operationId, input);
    return { status, body };
  }

  private send<T>(apiKey: string, operationId: string, input: NativeInput): Promise<UpstreamResponse<T>> {
    const operation = this.contract.operation(operationId);
    return this.http.request<T>({
      method: operation.method,
      path: operation.path,
      pathParams: input.path,
      query: input.query,
      body: input.body,
      headers: authHeaders(this.schemeOf(operationId), apiKey),
    });
  }

  private schemeOf(operationId: string): AmpersandAuthScheme {
    let scheme = this.schemes.get(operationId);
    if (!scheme) {
      scheme = authSchemeFor(this.contract, operationId);
      this.schemes.set(operationId, scheme);
    }
    return scheme;
  }
}
