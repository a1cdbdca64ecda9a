import { Global, Module } from '@nestjs/common';
import { AmpersandProvider } from './ampersand/ampersand.provider';
import { BillingProvider } from './billing-provider';
import { ConnectionResolver } from './connection-resolver';
import { NativeCatalog } from './native/native-catalog';
import { PrefectProvider } from './prefect/prefect.provider';
import { PROVIDER_ADAPTERS, ProviderRegistry } from './provider-registry';
import { QoveryProvider } from './qovery/qovery.provider';
import { StripeProvider } from './stripe/stripe.provider';
import { UpstreamFactory } from './upstream/upstream-factory';

/** Adding a provider: its adapter folder, one line here, one enum value in prisma/schema.prisma. */
const ADAPTERS = [StripeProvider, QoveryProvider, PrefectProvider, AmpersandProvider];

@Global()
@Module({
  providers: [
    UpstreamFactory,
    ...ADAPTERS,
    {
      provide: PROVIDER_ADAPTERS,
      inject: ADAPTERS,
      useFactory: (...adapters: BillingProvider[]) => adapters,
    },
    ProviderRegistry,
    NativeCatalog,
    ConnectionResolver,
  ],
  exports: [ProviderRegistry, NativeCatalog, ConnectionResolver, UpstreamFactory],
})
export class ProvidersModule {}
