import type { ClassConstructor } from 'class-transformer';
import type { ProviderId } from './provider-id';

/** Classes (class-validator) that validate a connection's credentials, account and settings. */
export interface ConnectionSchema {
  credentials: ClassConstructor<object>;
  account: ClassConstructor<object>;
  settings: ClassConstructor<object>;
}

/**
 * The contract every provider adapter implements; also the DI token the registry collects.
 * An adapter is discovered by being listed in PROVIDER_ADAPTERS (providers.module.ts).
 */
export abstract class BillingProvider {
  abstract readonly id: ProviderId;
  abstract readonly displayName: string;
  abstract readonly connectionSchema: ConnectionSchema;
}
