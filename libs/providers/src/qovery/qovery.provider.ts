import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import { BillingProvider } from '../billing-provider';
import { ApiKeyCredentials, NoSettings } from '../credentials';
import { Capability } from '../domain/capability';
import type {
  BillingAccount,
  BillingDetailsInput,
  CostRange,
  CredentialCheck,
  CurrentCost,
  DownloadLink,
  Invoice,
  InvoiceQuery,
  NewCard,
  Page,
  PaymentMethod,
  ResourceOrigin,
  Subscription,
  SubscriptionChange,
  UsageReportLink,
  UsageReportRequest,
} from '../domain/models';
import type {
  NativeInput,
  NativeOperation,
  NativeOperationDeclaration,
  NativeResult,
} from '../native/native-operation';
import type { ProviderCall } from '../provider-call';
import { ProviderId } from '../provider-id';
import { paginateInMemory } from '../upstream/in-memory-pagination';
import { UpstreamFactory } from '../upstream/upstream-factory';
import { BILLING_STATUS_PATH, organizationIdOf, QoveryClient } from './qovery.client';
import { QoveryAccount } from './qovery.connection';
import { summarizeQoveryError } from './qovery.errors';
import * as map from './qovery.mappers';
import type { QoveryBillingInfo } from './qovery.wire';
import { QOVERY_NATIVE_OPERATIONS } from './qovery.native-operations';

/**
 * Qovery organization billing. One plan per organization, exposed as a single subscription whose
 * id is the organization id. No portal session and no cancellation exist in Qovery's API, so those
 * capabilities are not declared (the gateway answers 501 for them).
 */
@Injectable()
export class QoveryProvider extends BillingProvider {
  readonly id = ProviderId.qovery;
  readonly displayName = 'Qovery';
  readonly connectionSchema = {
    credentials: ApiKeyCredentials,
    account: QoveryAccount,
    settings: NoSettings,
  };
  readonly capabilities: readonly Capability[] = [
    Capability.GetBillingAccount,
    Capability.UpdateBillingDetails,
    Capability.ListSubscriptions,
    Capability.GetSubscription,
    Capability.ChangePlan,
    Capability.ListInvoices,
    Capability.GetInvoice,
    Capability.GetInvoicePdfLink,
    Capability.RequestInvoiceExport,
    Capability.GenerateUsageReport,
    Capability.GetCurrentCost,
    Capability.GetClusterCost,
    Capability.ListPaymentMethods,
    Capability.AddPaymentMethod,
    Capability.RemovePaymentMethod,
    Capability.RedeemCreditCode,
    Capability.VerifyCredentials,
  ];
  readonly nativeOperations: readonly NativeOperationDeclaration[] = QOVERY_NATIVE_OPERATIONS;

  private readonly client: QoveryClient;

  constructor(upstream: UpstreamFactory, config: AppConfig) {
    super();
    this.client = new QoveryClient(
      upstream.http(ProviderId.qovery, config.QOVERY_API_BASE_URL, summarizeQoveryError),
    );
  }

  callNative(call: ProviderCall, operation: NativeOperation, input: NativeInput): Promise<NativeResult> {
    return this.client.native(call, operation, input);
  }

  async verifyCredentials(call: ProviderCall): Promise<CredentialCheck> {
    const checkedWith = `GET ${BILLING_STATUS_PATH}`;
    try {
      await this.client.getBillingStatus(call);
      return { ok: true, checkedWith, detail: null };
    } catch (error) {
      if (error instanceof GatewayError && error.type === ErrorType.ProviderAuthenticationFailed)
        return { ok: false, checkedWith, detail: error.detail };
      throw error;
    }
  }

  override getBillingAccount(call: ProviderCall): Promise<BillingAccount> {
    return this.assembleAccount(call, this.client.getBillingInfo(call));
  }

  /** PUT answers with the new billing info, so only the other parts of the account are re-read. */
  override async updateBillingDetails(
    call: ProviderCall,
    details: BillingDetailsInput,
  ): Promise<BillingAccount> {
    const info = await this.client.editBillingInfo(call, map.toBillingInfoRequest(details));
    return this.assembleAccount(call, Promise.resolve(info));
  }

  override async listSubscriptions(call: ProviderCall): Promise<Subscription[]> {
    const currentCost = await this.client.getCurrentCost(call);
    return [map.mapSubscription(origin(call), organizationIdOf(call), currentCost)];
  }

  override async getSubscription(call: ProviderCall, subscriptionId: string): Promise<Subscription> {
    assertTheSubscription(call, subscriptionId);
    return (await this.listSubscriptions(call))[0]!;
  }

  /**
   * Plan changes only (Qovery has no seats). changePlan answers with the Organization, whose plan is
   * authoritative right after the change; trial days and renewal come from a fresh currentCost.
   */
  override async changeSubscription(
    call: ProviderCall,
    subscriptionId: string,
    change: SubscriptionChange,
  ): Promise<Subscription> {
    assertTheSubscription(call, subscriptionId);
    if (change.seats !== undefined)
      throw GatewayError.validation([{ field: 'seats', message: 'Qovery plans have no seat count' }]);
    if (!change.plan) throw GatewayError.validation([{ field: 'plan', message: 'is required' }]);
    const organization = await this.client.changePlan(call, change.plan);
    const currentCost = await this.client.getCurrentCost(call);
    const plan = map.planOfOrganization(organization) ?? change.plan;
    return map.mapSubscription(origin(call), organizationIdOf(call), currentCost, plan);
  }

  /** Qovery returns every invoice at once: sorted, filtered and paged here (cursor = last invoice id). */
  override async listInvoices(call: ProviderCall, query: InvoiceQuery): Promise<Page<Invoice>> {
    const list = await this.client.listInvoices(call);
    const invoices = map
      .sortNewestFirst((list.results ?? []).map((invoice) => map.mapInvoice(origin(call), invoice)))
      .filter((invoice) => query.status === undefined || invoice.status === query.status);
    return paginateInMemory(invoices, (invoice) => invoice.id, query);
  }

  override async getInvoice(call: ProviderCall, invoiceId: string): Promise<Invoice> {
    return map.mapInvoice(origin(call), await this.client.getInvoice(call, invoiceId));
  }

  override async getInvoicePdfLink(call: ProviderCall, invoiceId: string): Promise<DownloadLink> {
    return map.mapInvoicePdfLink(await this.client.getInvoicePdf(call, invoiceId));
  }

  /** Qovery emails every invoice to the billing email (202); nothing comes back. */
  override async requestInvoiceExport(call: ProviderCall): Promise<void> {
    await this.client.downloadAllInvoices(call);
  }

  override async generateUsageReport(
    call: ProviderCall,
    request: UsageReportRequest,
  ): Promise<UsageReportLink> {
    const response = await this.client.generateBillingUsageReport(call, map.toUsageReportRequest(request));
    return map.mapUsageReport(response, request.expiresInSeconds, new Date());
  }

  override async getCurrentCost(call: ProviderCall): Promise<CurrentCost> {
    return map.mapCurrentCost(origin(call), await this.client.getCurrentCost(call));
  }

  override async getClusterCost(call: ProviderCall, clusterId: string): Promise<CostRange> {
    return map.mapCostRange(
      origin(call),
      clusterId,
      await this.client.getClusterCurrentCost(call, clusterId),
    );
  }

  override async listPaymentMethods(call: ProviderCall): Promise<PaymentMethod[]> {
    const list = await this.client.listCreditCards(call);
    return (list.results ?? []).map((card) => map.mapCreditCard(origin(call), card));
  }

  override async addPaymentMethod(call: ProviderCall, card: NewCard): Promise<PaymentMethod> {
    return map.mapCreditCard(
      origin(call),
      await this.client.addCreditCard(call, map.toCreditCardRequest(card)),
    );
  }

  override async removePaymentMethod(call: ProviderCall, paymentMethodId: string): Promise<void> {
    await this.client.deleteCreditCard(call, paymentMethodId);
  }

  override async redeemCreditCode(call: ProviderCall, code: string): Promise<void> {
    await this.client.addCreditCode(call, code);
  }

  /**
   * Billing info, billing status, external id and current cost (for the plan) are independent
   * reads, so they run in parallel.
   */
  private async assembleAccount(
    call: ProviderCall,
    info: Promise<QoveryBillingInfo>,
  ): Promise<BillingAccount> {
    const [billingInfo, status, externalId, currentCost] = await Promise.all([
      info,
      this.client.getBillingStatus(call),
      this.client.getBillingExternalId(call),
      this.client.getCurrentCost(call),
    ]);
    return map.mapBillingAccount(origin(call), {
      organizationId: organizationIdOf(call),
      info: billingInfo,
      status,
      externalId,
      currentCost,
    });
  }
}

const origin = (call: ProviderCall): ResourceOrigin => ({
  provider: ProviderId.qovery,
  connectionId: call.connectionId,
});

/** The organization's plan is the only subscription; any other id does not exist. */
function assertTheSubscription(call: ProviderCall, subscriptionId: string): void {
  if (subscriptionId !== organizationIdOf(call)) throw GatewayError.notFound('Subscription', subscriptionId);
}
