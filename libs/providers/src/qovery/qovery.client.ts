import type { Method } from 'axios';
import { ErrorType, GatewayError } from '@app/errors';
import type { NativeInput, NativeOperation, NativeResult } from '../native/native-operation';
import type { ProviderCall } from '../provider-call';
import type { UpstreamHttp } from '../upstream/upstream-http';
import type {
  QoveryBillingExternalId,
  QoveryBillingInfo,
  QoveryBillingInfoRequest,
  QoveryBillingStatus,
  QoveryCostRange,
  QoveryCreditCard,
  QoveryCreditCardList,
  QoveryCreditCardRequest,
  QoveryCurrentCost,
  QoveryInvoice,
  QoveryInvoiceList,
  QoveryLink,
  QoveryOrganization,
  QoveryUsageReportRequest,
  QoveryUsageReportResponse,
} from './qovery.wire';

const ORG = '/organization/{organizationId}';
export const BILLING_STATUS_PATH = `${ORG}/billingStatus`;

export function organizationIdOf(call: ProviderCall): string {
  const organizationId = (call.account as { organizationId?: unknown }).organizationId;
  if (typeof organizationId !== 'string' || organizationId === '') {
    throw new GatewayError(
      ErrorType.ConnectionMisconfigured,
      'The Qovery connection has no account.organizationId.',
    );
  }
  return organizationId;
}

/** Machine API tokens use the `Token` scheme (the `Bearer` scheme is for OIDC JWTs). */
const authHeaders = (call: ProviderCall) => ({ Authorization: `Token ${call.credentials.apiKey}` });

/** Qovery's HTTP calls, one method per spec operation the adapter uses; no mapping here. */
export class QoveryClient {
  constructor(private readonly http: UpstreamHttp) {}

  getBillingExternalId = (call: ProviderCall) =>
    this.send<QoveryBillingExternalId>(call, 'GET', `${ORG}/billingExternalId`);

  getBillingInfo = (call: ProviderCall) => this.send<QoveryBillingInfo>(call, 'GET', `${ORG}/billingInfo`);

  editBillingInfo = (call: ProviderCall, body: QoveryBillingInfoRequest) =>
    this.send<QoveryBillingInfo>(call, 'PUT', `${ORG}/billingInfo`, { body });

  getBillingStatus = (call: ProviderCall) => this.send<QoveryBillingStatus>(call, 'GET', BILLING_STATUS_PATH);

  generateBillingUsageReport = (call: ProviderCall, body: QoveryUsageReportRequest) =>
    this.send<QoveryUsageReportResponse>(call, 'POST', `${ORG}/billingUsageReport`, { body });

  changePlan = (call: ProviderCall, plan: string) =>
    this.send<QoveryOrganization>(call, 'POST', `${ORG}/changePlan`, { body: { plan } });

  getClusterCurrentCost = (call: ProviderCall, clusterId: string) =>
    this.send<QoveryCostRange>(call, 'GET', `${ORG}/cluster/{clusterId}/currentCost`, {
      pathParams: { clusterId },
    });

  listCreditCards = (call: ProviderCall) => this.send<QoveryCreditCardList>(call, 'GET', `${ORG}/creditCard`);

  addCreditCard = (call: ProviderCall, body: QoveryCreditCardRequest) =>
    this.send<QoveryCreditCard>(call, 'POST', `${ORG}/creditCard`, { body });

  deleteCreditCard = (call: ProviderCall, creditCardId: string) =>
    this.send<void>(call, 'DELETE', `${ORG}/creditCard/{creditCardId}`, { pathParams: { creditCardId } });

  addCreditCode = (call: ProviderCall, code: string) =>
    this.send<void>(call, 'POST', `${ORG}/creditCode`, { body: { code } });

  getCurrentCost = (call: ProviderCall) => this.send<QoveryCurrentCost>(call, 'GET', `${ORG}/currentCost`);

  downloadAllInvoices = (call: ProviderCall) => this.send<void>(call, 'POST', `${ORG}/downloadInvoices`);

  listInvoices = (call: ProviderCall) => this.send<QoveryInvoiceList>(call, 'GET', `${ORG}/invoice`);

  getInvoice = (call: ProviderCall, invoiceId: string) =>
    this.send<QoveryInvoice>(call, 'GET', `${ORG}/invoice/{invoiceId}`, { pathParams: { invoiceId } });

  getInvoicePdf = (call: ProviderCall, invoiceId: string) =>
    this.send<QoveryLink>(call, 'GET', `${ORG}/invoice/{invoiceId}/download`, { pathParams: { invoiceId } });

  /** Any catalogued operation, input already validated against the spec and account params fixed. */
  async native(call: ProviderCall, operation: NativeOperation, input: NativeInput): Promise<NativeResult> {
    const response = await this.http.request<unknown>({
      method: operation.method,
      path: operation.path,
      pathParams: input.path,
      query: input.query && Object.keys(input.query).length > 0 ? input.query : undefined,
      body: input.body,
      headers: authHeaders(call),
    });
    return { status: response.status, body: response.body };
  }

  private async send<T>(
    call: ProviderCall,
    method: Method,
    path: string,
    options: { pathParams?: Record<string, string>; body?: unknown } = {},
  ): Promise<T> {
    const response = await this.http.request<T>({
      method,
      path,
      pathParams: { organizationId: organizationIdOf(call), ...options.pathParams },
      body: options.body,
      headers: authHeaders(call),
    });
    // An empty 2xx body reads as an object without fields, which the mappers turn into nulls.
    return (response.body ?? {}) as T;
  }
}
