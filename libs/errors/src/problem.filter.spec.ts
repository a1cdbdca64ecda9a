import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { ErrorType } from './error-types';
import { GatewayError } from './gateway-error';
import { toGatewayError } from './problem.filter';

const request = { method: 'GET', path: '/v1/things' } as Request;
const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the request id when reporting it.';

/** Errors as Express' body parser raises them (http-errors with a `type`). */
const bodyParserError = (type: string, status: number, extra: object = {}) =>
  Object.assign(new Error(`raw parser message for ${type}`), { type, status, expose: true, ...extra });

describe('toGatewayError', () => {
  it('returns GatewayErrors unchanged', () => {
    const error = GatewayError.conflict('Slug taken.');
    expect(toGatewayError(error, request)).toBe(error);
  });

  it.each([
    [
      'entity.too.large',
      413,
      { limit: 102400 },
      ErrorType.PayloadTooLarge,
      'The request body exceeds the 102400 byte limit.',
    ],
    [
      'entity.parse.failed',
      400,
      { body: '{"a":' },
      ErrorType.MalformedRequest,
      'The request body is not valid JSON.',
    ],
    [
      'encoding.unsupported',
      415,
      {},
      ErrorType.UnsupportedMediaType,
      'The request body encoding or charset is not supported.',
    ],
    [
      'charset.unsupported',
      415,
      {},
      ErrorType.UnsupportedMediaType,
      'The request body encoding or charset is not supported.',
    ],
  ])('maps the body-parser error %s', (type, status, extra, expected, detail) => {
    const mapped = toGatewayError(bodyParserError(type, status, extra), request);
    expect(mapped).toMatchObject({ type: expected, detail });
    expect(mapped.detail).not.toContain('raw parser message');
  });

  it("maps Express' unmatched-route 404 to route-not-found, naming the method and path", () => {
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
