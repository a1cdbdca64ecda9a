import { Param, ParseUUIDPipe } from '@nestjs/common';
import { GatewayError } from '@app/errors';

/** `@UuidParam('tenantId')`: a path parameter that must be a UUID (400 naming it otherwise). */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => GatewayError.validation([{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
