import { Global, Module } from '@nestjs/common';
import { AmpersandProvider } from './ampersand/ampersand.provider';
import { BillingProvider } from './billing-provider';
import { PrefectProvider } from './prefect/prefect.provider';
import { PROVIDER_ADAPTERS, ProviderRegistry } from './provider-registry';
import { QoveryProvider } from './qovery/qovery.provider';
import { StripeProvider } from './stripe/stripe.provider';

/** Adding a provider: its adapter folder, one line here, one enum value in prisma/schema.prisma. */
const ADAPTERS = [StripeProvider, QoveryProvider, PrefectProvider, AmpersandProvider];

@Global()
@Module({
  providers: [
    ...ADAPTERS,
    {
      provide: PROVIDER_ADAPTERS,
      inject: ADAPTERS,
      useFactory: (...adapters: BillingProvider[]) => adapters,
    },
    ProviderRegistry,
  ],
  exports: [ProviderRegistry],
})
export class ProvidersModule {}
