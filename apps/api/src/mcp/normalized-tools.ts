import { Capability } from '@app/providers';
import { BillingAccountController } from '../billing/account/billing-account.controller';
import { CapabilitiesController } from '../billing/capabilities/capabilities.controller';
import { CostsController } from '../billing/costs/costs.controller';
import { InvoicesController } from '../billing/invoices/invoices.controller';
import { CreditsController } from '../billing/payments/credits.controller';
import { PaymentMethodsController } from '../billing/payments/payment-methods.controller';
import { PortalSessionController } from '../billing/portal/portal-session.controller';
import { SubscriptionsController } from '../billing/subscriptions/subscriptions.controller';
import { EventsController } from '../jobs/events/events.controller';
import { InvoiceDownloadsController } from '../jobs/invoice-downloads.controller';
import { JobsController } from '../jobs/jobs.controller';
import { UsageReportsController } from '../jobs/usage-reports.controller';
import type { ToolHints } from './mcp-tool';
import { restRoute } from './rest-route';
import type { RouteToolSpec } from './route-tool';

const READ: ToolHints = { readOnly: true, destructive: false, idempotent: true };
/** Creates something new each time (a session, a link, a job); changes nothing that exists. */
const CREATE: ToolHints = { readOnly: false, destructive: false, idempotent: false };
/** Overwrites existing state with the given value: repeating it changes nothing more. */
const OVERWRITE: ToolHints = { readOnly: false, destructive: true, idempotent: true };

/** The route tools list the tenant's connections with, and get_capabilities exposes. */
export const CAPABILITIES_ROUTE = restRoute(CapabilitiesController, 'getCapabilities');

/**
 * The normalized API as tools, one per REST route (change_seats and change_plan split one), in
 * the order tools/list shows them. Descriptions and input schemas come from each route's
 * decorators; only the name, the capabilities that make it worth listing and the behaviour hints
 * are stated here.
 */
export const NORMALIZED_TOOLS: RouteToolSpec[] = [
  { name: 'get_capabilities', route: CAPABILITIES_ROUTE, capabilities: [], hints: READ, openWorld: false },
  {
    name: 'get_billing_account',
    route: restRoute(BillingAccountController, 'getBillingAccount'),
    capabilities: [Capability.GetBillingAccount],
    hints: READ,
  },
  {
    name: 'update_billing_details',
    route: restRoute(BillingAccountController, 'updateBillingDetails'),
    capabilities: [Capability.UpdateBillingDetails],
    hints: OVERWRITE,
  },
  {
    name: 'create_portal_session',
    route: restRoute(PortalSessionController, 'createPortalSession'),
    capabilities: [Capability.CreatePortalSession],
    hints: CREATE,
  },
  {
    name: 'list_subscriptions',
    route: restRoute(SubscriptionsController, 'listSubscriptions'),
    capabilities: [Capability.ListSubscriptions],
    hints: READ,
  },
  {
    name: 'get_subscription',
    route: restRoute(SubscriptionsController, 'getSubscription'),
    capabilities: [Capability.GetSubscription],
    hints: READ,
  },
  {
    name: 'change_seats',
    route: restRoute(SubscriptionsController, 'updateSubscription'),
    fields: ['connectionId', 'seats'],
    summary: 'Change the number of seats of a subscription',
    capabilities: [Capability.ChangeSeats],
    hints: OVERWRITE,
  },
  {
    name: 'change_plan',
    route: restRoute(SubscriptionsController, 'updateSubscription'),
    fields: ['connectionId', 'plan'],
    summary: 'Change the plan of a subscription',
    capabilities: [Capability.ChangePlan],
    hints: OVERWRITE,
  },
  {
    name: 'cancel_subscription',
    route: restRoute(SubscriptionsController, 'cancelSubscription'),
    capabilities: [Capability.CancelAtPeriodEnd, Capability.CancelNow],
    hints: OVERWRITE,
  },
  {
    name: 'create_checkout_link',
    route: restRoute(SubscriptionsController, 'createCheckoutSession'),
    capabilities: [Capability.CreateCheckoutLink],
    hints: CREATE,
  },
  {
    name: 'list_invoices',
    route: restRoute(InvoicesController, 'listInvoices'),
    capabilities: [Capability.ListInvoices],
    hints: READ,
  },
  {
    name: 'get_invoice',
    route: restRoute(InvoicesController, 'getInvoice'),
    capabilities: [Capability.GetInvoice],
    hints: READ,
  },
  {
    name: 'get_invoice_pdf_link',
    route: restRoute(InvoicesController, 'getInvoicePdf'),
    capabilities: [Capability.GetInvoicePdfLink],
    hints: READ,
  },
  {
    name: 'get_current_cost',
    route: restRoute(CostsController, 'getCurrentCost'),
    capabilities: [Capability.GetCurrentCost],
    hints: READ,
  },
  {
    name: 'get_cluster_cost',
    route: restRoute(CostsController, 'getClusterCost'),
    capabilities: [Capability.GetClusterCost],
    hints: READ,
  },
  {
    name: 'list_payment_methods',
    route: restRoute(PaymentMethodsController, 'listPaymentMethods'),
    capabilities: [Capability.ListPaymentMethods],
    hints: READ,
  },
  {
    // Each code is redeemed once: a second call is refused by the provider, never applied twice.
    name: 'redeem_credit_code',
    route: restRoute(CreditsController, 'redeemCreditCode'),
    capabilities: [Capability.RedeemCreditCode],
    hints: CREATE,
  },
  {
    name: 'start_invoice_download',
    route: restRoute(InvoiceDownloadsController, 'createInvoicePdfDownload'),
    capabilities: [Capability.GetInvoicePdfLink],
    hints: CREATE,
  },
  {
    name: 'start_usage_report',
    route: restRoute(UsageReportsController, 'createUsageReport'),
    capabilities: [Capability.GenerateUsageReport],
    hints: CREATE,
  },
  {
    name: 'get_job',
    route: restRoute(JobsController, 'getJob'),
    capabilities: [],
    hints: READ,
    openWorld: false,
  },
  {
    name: 'list_events',
    route: restRoute(EventsController, 'listEvents'),
    capabilities: [],
    hints: READ,
    openWorld: false,
  },
];
