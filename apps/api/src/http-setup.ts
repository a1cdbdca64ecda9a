import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ADMIN_SECURITY, TENANT_SECURITY } from '@app/auth';
import { AppConfig } from '@app/config';
import { createValidationPipe, ErrorType, GatewayError, toGatewayError } from '@app/errors';
import { requestIdFor } from '@app/observability';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Bodies must be JSON; checked before parsing so a form or text body is a clear 415, not a confusing 400. */
function requireJsonBodies(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (
    BODY_METHODS.has(request.method) &&
    hasBody &&
    !request.is(['application/json', 'application/*+json'])
  ) {
    next(new GatewayError(ErrorType.UnsupportedMediaType, 'Request bodies must be application/json.'));
    return;
  }
  next();
}

/** First middleware: every response, even one rejected before routing, carries a request id. */
function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  request.id = requestIdFor(request, response);
  next();
}

/** Body-parser failures (malformed JSON, too large, bad charset) become problems, not Express' defaults. */
function bodyParserErrors(error: unknown, request: Request, _response: Response, next: NextFunction): void {
  next(toGatewayError(error, request));
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Billing portal gateway')
    .setDescription(
      'One normalized billing API over Stripe, Qovery, Prefect Cloud and Ampersand. Admin routes (`/admin`) take an ' +
        'admin key; tenant routes (`/v1`) take a tenant API key. Every error is RFC 9457 `application/problem+json`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Admin key (ADMIN_API_KEYS).' },
      ADMIN_SECURITY,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Tenant API key (bgw_...).' },
      TENANT_SECURITY,
    )
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
}

/** Everything about the HTTP surface that is not a route: used by main.ts and by the e2e tests alike. */
export function configureHttp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  app.use(bodyParserErrors);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
