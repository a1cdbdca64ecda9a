/**
 * The normalized operations. An adapter declares the ones it supports and implements the matching
 * BillingProvider method (the registry checks both at start-up).
 */
export enum Capability {
  GetBillingAccount = 'get_billing_account',
  UpdateBillingDetails = 'update_billing_details',
  CreatePortalSession = 'create_portal_session',
  ListSubscriptions = 'list_subscriptions',
  GetSubscription = 'get_subscription',
  ChangeSeats = 'change_seats',
  ChangePlan = 'change_plan',
  CancelAtPeriodEnd = 'cancel_subscription_at_period_end',
  CancelNow = 'cancel_subscription_now',
  CreateCheckoutLink = 'create_checkout_link',
  ListInvoices = 'list_invoices',
  GetInvoice = 'get_invoice',
  GetInvoicePdfLink = 'get_invoice_pdf_link',
  RequestInvoiceExport = 'request_invoice_export',
  GenerateUsageReport = 'generate_usage_report',
  GetCurrentCost = 'get_current_cost',
  GetClusterCost = 'get_cluster_cost',
  ListPaymentMethods = 'list_payment_methods',
  AddPaymentMethod = 'add_payment_method',
  RemovePaymentMethod = 'remove_payment_method',
  RedeemCreditCode = 'redeem_credit_code',
  VerifyCredentials = 'verify_credentials',
}

export const CAPABILITIES = Object.values(Capability);
