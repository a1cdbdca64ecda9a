import type { ClassConstructor } from 'class-transformer';
import type { Capability } from './domain/capability';
import type {
  BillingAccount,
  BillingDetailsInput,
  CheckoutLink,
  CostRange,
  CredentialCheck,
  CurrentCost,
  DownloadLink,
  Invoice,
  InvoiceQuery,
  NewCard,
  Page,
  PaymentMethod,
  PortalSession,
  Subscription,
  SubscriptionChange,
  UsageReportLink,
  UsageReportRequest,
} from './domain/models';
import type {
  NativeInput,
  NativeOperation,
  NativeOperationDeclaration,
  NativeResult,
} from './native/native-operation';
import type { ProviderCall } from './provider-call';
import type { ProviderId } from './provider-id';

/** Classes (class-validator) that validate a connection's credentials, account and settings. */
export interface ConnectionSchema {
  credentials: ClassConstructor<object>;
  account: ClassConstructor<object>;
  settings: ClassConstructor<object>;
}

/** Which BillingProvider method implements each capability (checked by the registry at start-up). */
export const CAPABILITY_METHODS = {
  get_billing_account: 'getBillingAccount',
  update_billing_details: 'updateBillingDetails',
  create_portal_session: 'createPortalSession',
  list_subscriptions: 'listSubscriptions',
  get_subscription: 'getSubscription',
  change_seats: 'changeSubscription',
  change_plan: 'changeSubscription',
  cancel_subscription_at_period_end: 'cancelSubscription',
  cancel_subscription_now: 'cancelSubscription',
  create_checkout_link: 'createCheckoutLink',
  list_invoices: 'listInvoices',
  get_invoice: 'getInvoice',
  get_invoice_pdf_link: 'getInvoicePdfLink',
  request_invoice_export: 'requestInvoiceExport',
  generate_usage_report: 'generateUsageReport',
  get_current_cost: 'getCurrentCost',
  get_cluster_cost: 'getClusterCost',
  list_payment_methods: 'listPaymentMethods',
  add_payment_method: 'addPaymentMethod',
  remove_payment_method: 'removePaymentMethod',
  redeem_credit_code: 'redeemCreditCode',
  verify_credentials: 'verifyCredentials',
} as const satisfies Record<Capability, keyof BillingProvider>;

/**
 * The contract every provider adapter implements, and the DI token the registry collects.
 * An adapter declares its capabilities and implements the matching optional methods; everything
 * the provider offers beyond them stays reachable through its native operations.
 */
export abstract class BillingProvider {
  abstract readonly id: ProviderId;
  abstract readonly displayName: string;
  abstract readonly connectionSchema: ConnectionSchema;
  abstract readonly capabilities: readonly Capability[];
  /** Spec operations (by operationId) callable through the native endpoint. */
  abstract readonly nativeOperations: readonly NativeOperationDeclaration[];

  /** Runs one catalogued operation; input is already validated and account parameters are fixed. */
  abstract callNative(
    call: ProviderCall,
    operation: NativeOperation,
    input: NativeInput,
  ): Promise<NativeResult>;

  /** A cheap read proving the credentials work (never throws for rejected credentials). */
  abstract verifyCredentials(call: ProviderCall): Promise<CredentialCheck>;

  getBillingAccount?(call: ProviderCall): Promise<BillingAccount>;
  updateBillingDetails?(call: ProviderCall, details: BillingDetailsInput): Promise<BillingAccount>;
  createPortalSession?(
    call: ProviderCall,
    input: { returnUrl: string; locale?: string },
  ): Promise<PortalSession>;
  listSubscriptions?(call: ProviderCall): Promise<Subscription[]>;
  getSubscription?(call: ProviderCall, subscriptionId: string): Promise<Subscription>;
  changeSubscription?(
    call: ProviderCall,
    subscriptionId: string,
    change: SubscriptionChange,
  ): Promise<Subscription>;
  cancelSubscription?(
    call: ProviderCall,
    subscriptionId: string,
    options: { atPeriodEnd: boolean },
  ): Promise<Subscription>;
  createCheckoutLink?(call: ProviderCall, input: { plan: string }): Promise<CheckoutLink>;
  listInvoices?(call: ProviderCall, query: InvoiceQuery): Promise<Page<Invoice>>;
  getInvoice?(call: ProviderCall, invoiceId: string): Promise<Invoice>;
  getInvoicePdfLink?(call: ProviderCall, invoiceId: string): Promise<DownloadLink>;
  requestInvoiceExport?(call: ProviderCall): Promise<void>;
  generateUsageReport?(call: ProviderCall, request: UsageReportRequest): Promise<UsageReportLink>;
  getCurrentCost?(call: ProviderCall): Promise<CurrentCost>;
  getClusterCost?(call: ProviderCall, clusterId: string): Promise<CostRange>;
  listPaymentMethods?(call: ProviderCall): Promise<PaymentMethod[]>;
  addPaymentMethod?(call: ProviderCall, card: NewCard): Promise<PaymentMethod>;
  removePaymentMethod?(call: ProviderCall, paymentMethodId: string): Promise<void>;
  redeemCreditCode?(call: ProviderCall, code: string): Promise<void>;

  supports(capability: Capability): boolean {
    return this.capabilities.includes(capability);
  }
}
