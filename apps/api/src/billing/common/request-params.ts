import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  Param,
  PipeTransform,
} from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '@app/errors';
import { providerExamples } from './api-docs';

/** Visible ASCII only: the key is forwarded to the provider as a header value. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The caller's `Idempotency-Key`, forwarded to the provider on writes (Stripe honours it; the
 * others ignore it). Malformed keys are a 400 rather than something a provider might choke on.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    throw GatewayError.validation([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-255 visible ASCII characters' },
    ]);
  }
  return value;
});

export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Forwarded to the provider so a retried write is applied once (honoured by Stripe; ignored by ' +
      'providers without idempotency support).',
    schema: { type: 'string', maxLength: 255 },
  });

/**
 * Provider ids (sub_…, in_…, UUIDs) in a conservative alphabet: they end up in upstream URL paths,
 * so anything else is rejected before it can reach a provider.
 */
const PROVIDER_RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}$/;

class ProviderResourceIdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!PROVIDER_RESOURCE_ID.test(value)) {
      throw GatewayError.validation([
        { field: this.name, message: `${this.name} must be a provider id (letters, digits, _ . : -)` },
      ]);
    }
    return value;
  }
}

/** `@ResourceIdParam('id', 'in_1NqK2bLkdIwHu7ix')`: a provider's id of a resource, as a path parameter. */
export const ResourceIdParam = (name: string) => Param(name, new ProviderResourceIdPipe(name));

export const ApiResourceIdParam = (name: string, description: string, examples: Record<string, string>) =>
  applyDecorators(
    ApiParam({
      name,
      description,
      schema: { type: 'string', pattern: PROVIDER_RESOURCE_ID.source },
      examples: providerExamples(examples),
    }),
  );
