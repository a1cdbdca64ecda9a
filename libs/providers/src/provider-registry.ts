import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, GatewayError } from '@app/errors';
import { BillingProvider, CAPABILITY_METHODS, ConnectionSchema } from './billing-provider';
import { Capability } from './domain/capability';
import { PROVIDER_IDS, ProviderId } from './provider-id';

export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');

/**
 * All provider adapters, keyed by id. Construction fails (and with it start-up) when two adapters
 * claim one id, a provider of the enum has no adapter, or an adapter declares a capability without
 * implementing it, so a half-added provider never ships.
 */
@Injectable()
export class ProviderRegistry {
  private readonly adapters = new Map<ProviderId, BillingProvider>();

  constructor(@Inject(PROVIDER_ADAPTERS) adapters: BillingProvider[]) {
    for (const adapter of adapters) {
      if (this.adapters.has(adapter.id))
        throw new Error(`Two provider adapters claim the id "${adapter.id}"`);
      for (const capability of adapter.capabilities) {
        if (typeof adapter[CAPABILITY_METHODS[capability]] !== 'function') {
          throw new Error(
            `${adapter.id} declares ${capability} but does not implement ${CAPABILITY_METHODS[capability]}()`,
          );
        }
      }
      this.adapters.set(adapter.id, adapter);
    }
    const missing = PROVIDER_IDS.filter((id) => !this.adapters.has(id));
    if (missing.length > 0) throw new Error(`No provider adapter for: ${missing.join(', ')}`);
  }

  get(id: ProviderId): BillingProvider {
    return this.adapters.get(id)!;
  }

  all(): BillingProvider[] {
    return [...this.adapters.values()];
  }

  /** Providers that support a capability (named in 501 problems). */
  supporting(capability: Capability): ProviderId[] {
    return this.all()
      .filter((adapter) => adapter.supports(capability))
      .map((adapter) => adapter.id);
  }

  /**
   * Validates one part of a connection against the provider's schema; returns the whitelisted
   * plain object or throws a 400 naming each offending field as `<part>.<field>`.
   */
  validateConnectionPart<T extends object>(
    provider: ProviderId,
    part: keyof ConnectionSchema,
    value: unknown,
  ): T {
    const schema = this.get(provider).connectionSchema[part];
    const instance = plainToInstance(schema, value ?? {});
    // forbidUnknownValues off: a provider without settings has a class with no fields at all.
    const errors = validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: false,
    });
    if (errors.length > 0) {
      throw GatewayError.validation(
        flattenValidationErrors(errors, part),
        `Invalid connection ${part} for provider ${provider}.`,
      );
    }
    return { ...instance } as T;
  }
}
