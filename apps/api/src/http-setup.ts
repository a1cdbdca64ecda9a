import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { Logger } from 'nestjs-pino';
import { ADMIN_SECURITY, TENANT_SECURITY } from '@app/auth';
import { AppConfig, loadAppConfig } from '@app/config';
import { createValidationPipe, ErrorType, GatewayError } from '@app/errors';
import { registerAccessLog, requestIdOf } from '@app/observability';
import { AppModule } from './app.module';

/** JSON and its structured-syntax suffix types (application/problem+json, ...). */
const JSON_TYPES = ['application/json', /^application\/[\w.-]+\+json$/] as const;

/**
 * Fastify rather than Express: the gateway adds its work to every proxied call, and Express' router
 * and middleware chain cost more CPU per request than the whole baseline forward (see bench/).
 */
function fastifyOptions(config: AppConfig) {
  return {
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    // The id comes from genReqId (which vets a supplied X-Request-Id); Fastify must not take the header as is.
    requestIdHeader: false as const,
    // Provider ids of up to 255 characters are path parameters; they are validated, not cut off as a 404.
    routerOptions: { maxParamLength: 512, ignoreTrailingSlash: true },
  };
}

/** The api's Nest application on Fastify, configured as main.ts runs it (the e2e tests use it too). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const config = loadAppConfig();
  const adapter = new FastifyAdapter(fastifyOptions(config));
  // Every response carries the request id, also one rejected before routing (404, 415, 413) or by a
  // middleware. Added before Nest registers middleware, so it runs first; set on the Node response
  // so routes that write to it directly (MCP) send it too.
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureHttp(app);
  return app;
}

/** Bodies are read as UTF-8 text: another charset or a compressed body would be misread, so say so. */
function unsupportedEncoding(headers: IncomingHttpHeaders): string | undefined {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset))
    return `The request body charset ${charset} is not supported; send UTF-8.`;
  const encoding = headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity')
    return `The request body content encoding ${encoding} is not supported; send it uncompressed.`;
  return undefined;
}

/**
 * Bodies are JSON or nothing: Fastify answers any other content type with 415 (mapped to a problem
 * by ProblemFilter), and a body that does not parse is a 400 malformed-request.
 */
function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  for (const type of JSON_TYPES) {
    fastify.addContentTypeParser(type, { parseAs: 'string' }, (request, body, done) => {
      const unsupported = unsupportedEncoding(request.headers);
      if (unsupported) return done(new GatewayError(ErrorType.UnsupportedMediaType, unsupported), undefined);
      parseJson(request, body as string, (error, value) =>
        error
          ? done(
              new GatewayError(ErrorType.MalformedRequest, 'The request body is not valid JSON.'),
              undefined,
            )
          : done(null, value),
      );
    });
  }
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

/** Everything about the HTTP surface that is not a route. */
function configureHttp(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  registerAccessLog(fastify, app.get(AppConfig).LOG_LEVEL);
  // Declared up front so every request object has the same shape (Fastify's advice for speed).
  fastify.decorateRequest('tenant', undefined);
  fastify.decorateRequest('adminActor', undefined);
  acceptJsonBodiesOnly(fastify);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
