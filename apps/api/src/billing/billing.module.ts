import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { BillingAccountController } from './account/billing-account.controller';
import { BillingAccountService } from './account/billing-account.service';
import { CapabilitiesController } from './capabilities/capabilities.controller';
import { CapabilitiesService } from './capabilities/capabilities.service';
import { BillingGateway } from './common/billing-gateway';
import { CachedReads } from './common/cached-read';
import { CostsController } from './costs/costs.controller';
import { CostsService } from './costs/costs.service';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { CreditsController } from './payments/credits.controller';
import { PaymentMethodsController } from './payments/payment-methods.controller';
import { PaymentMethodsService } from './payments/payment-methods.service';
import { ClientTokensController } from './portal/client-tokens.controller';
import { AllowedOriginsCache, PortalCors } from './portal/portal-cors';
import { PortalSessionController } from './portal/portal-session.controller';
import { PortalSessionService } from './portal/portal-session.service';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * The normalized billing API (`/v1`): the same routes and shapes whatever the tenant's provider.
 * QueueModule provides the polls' snapshots for `?cached=true` reads.
 */
@Module({
  imports: [QueueModule],
  controllers: [
    CapabilitiesController,
    BillingAccountController,
    PortalSessionController,
    ClientTokensController,
    SubscriptionsController,
    InvoicesController,
    CostsController,
    PaymentMethodsController,
    CreditsController,
  ],
  providers: [
    BillingGateway,
    CachedReads,
    CapabilitiesService,
    BillingAccountService,
    PortalSessionService,
    SubscriptionsService,
    InvoicesService,
    CostsService,
    PaymentMethodsService,
    AllowedOriginsCache,
    PortalCors,
  ],
})
export class BillingModule {}
