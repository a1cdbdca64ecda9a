import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { ErrorType } from './error-types';
import { GatewayError } from './gateway-error';
import { type ProblemRequest, toGatewayError } from './problem.filter';

const request: ProblemRequest = {
  method: 'GET',
  url: '/v1/things?limit=5',
  routeOptions: { bodyLimit: 102400 },
};
const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the request id when reporting it.';

describe('toGatewayError', () => {
  it('returns GatewayErrors unchanged', () => {
    const error = GatewayError.conflict('Slug taken.');
    expect(toGatewayError(error, request)).toBe(error);
  });

  // Nest hands Fastify's own errors (FST_*) to filters as HttpExceptions with Fastify's message.
  it("maps Fastify's 413 to payload-too-large, naming the route's limit", () => {
    expect(toGatewayError(new HttpException('Request body is too large', 413), request)).toMatchObject({
      type: ErrorType.PayloadTooLarge,
      detail: 'The request body exceeds the 102400 byte limit.',
    });
  });

  it("maps Fastify's 415 to unsupported-media-type with its message", () => {
    const exception = new HttpException('Unsupported Media Type: text/plain', 415);
    expect(toGatewayError(exception, request)).toMatchObject({
      type: ErrorType.UnsupportedMediaType,
      detail: 'Unsupported Media Type: text/plain',
    });
  });

  it("maps Nest's unmatched-route 404 to route-not-found, naming the method and path", () => {
    const mapped = toGatewayError(new NotFoundException('Cannot GET /v1/things'), request);
    expect(mapped).toMatchObject({
      type: ErrorType.RouteNotFound,
      status: 404,
      detail: 'No route matches GET /v1/things.',
    });
  });

  it.each([
    [new BadRequestException('Bad thing'), ErrorType.ValidationFailed, 400],
    [new UnauthorizedException('Who are you'), ErrorType.Unauthenticated, 401],
    [new ForbiddenException('Not you'), ErrorType.Forbidden, 403],
    [new NotFoundException('Widget 3 does not exist'), ErrorType.NotFound, 404],
    [new HttpException('Slow down', 429), ErrorType.RateLimited, 429],
  ])('maps %s by status, keeping the framework message', (exception, type, status) => {
    expect(toGatewayError(exception, request)).toMatchObject({ type, status, detail: exception.message });
  });

  it('maps a 503 to service-unavailable with the failing health checks only', () => {
    const exception = new ServiceUnavailableException({
      status: 'error',
      info: { postgres: { status: 'up' } },
      error: { redis: { status: 'down', message: 'not reachable' } },
    });
    const mapped = toGatewayError(exception, request);
    expect(mapped).toMatchObject({
      type: ErrorType.ServiceUnavailable,
      status: 503,
      detail: 'A dependency is unavailable.',
    });
    expect(mapped.options.extensions).toEqual({
      checks: { redis: { status: 'down', message: 'not reachable' } },
    });
    expect(
      toGatewayError(new ServiceUnavailableException('db pool exhausted at 10.0.0.5'), request),
    ).toMatchObject({
      detail: 'A dependency is unavailable.',
      options: { extensions: undefined },
    });
  });

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'apiKey')")],
    ['a thrown string', 'sk_live_leaked'],
    ['undefined', undefined],
    ['a plain object', { message: 'internal', status: 'weird' }],
    ['an unmapped HttpException', new HttpException('Teapot internals', 418)],
    ['a 500 HttpException', new HttpException('Stack: at db.ts:10', 500)],
  ])('maps %s to internal-error without revealing anything', (_name, thrown) => {
    const mapped = toGatewayError(thrown, request);
    expect(mapped).toMatchObject({ type: ErrorType.Internal, status: 500, detail: INTERNAL_DETAIL });
    expect(mapped.options).toEqual({});
  });
});
