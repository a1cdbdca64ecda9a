import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, GatewayError } from './gateway-error';

/** Flattens class-validator's nested errors into `{field: 'a.b[0].c', message}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith('property ')
        ? message.replace(/^property \S+ /, 'unknown field; it ')
        : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Global pipe: whitelisted DTOs only, unknown fields rejected, values transformed to DTO types. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => GatewayError.validation(flattenValidationErrors(errors)),
  });
