import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorType } from './error-types';
import { GatewayError } from './gateway-error';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem';

/** Errors raised by Express' body parser before Nest sees the request. */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as BodyParserError).type === 'string' &&
  typeof (error as BodyParserError).status === 'number';

const STATUS_TO_TYPE: Record<number, ErrorType> = {
  400: ErrorType.ValidationFailed,
  401: ErrorType.Unauthenticated,
  403: ErrorType.Forbidden,
  404: ErrorType.NotFound,
  405: ErrorType.MethodNotAllowed,
  409: ErrorType.Conflict,
  413: ErrorType.PayloadTooLarge,
  415: ErrorType.UnsupportedMediaType,
  422: ErrorType.UnprocessableEntity,
  429: ErrorType.RateLimited,
  503: ErrorType.ServiceUnavailable,
};

/** Turns any thrown value into a GatewayError; only GatewayErrors and known framework errors keep their message. */
export function toGatewayError(error: unknown, request: Request): GatewayError {
  if (error instanceof GatewayError) return error;
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return new GatewayError(
        ErrorType.PayloadTooLarge,
        `The request body exceeds the ${error.limit} byte limit.`,
      );
    }
    if (error.type === 'entity.parse.failed') {
      return new GatewayError(ErrorType.MalformedRequest, 'The request body is not valid JSON.');
    }
    if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      return new GatewayError(
        ErrorType.UnsupportedMediaType,
        'The request body encoding or charset is not supported.',
      );
    }
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404 && /^Cannot [A-Z]+ /.test(error.message)) {
      return new GatewayError(ErrorType.RouteNotFound, `No route matches ${request.method} ${request.path}.`);
    }
    const type = STATUS_TO_TYPE[status];
    if (type) {
      const body = error.getResponse();
      // Health checks (terminus) attach which dependency is down; that is safe and useful. Other
      // 503s carry Nest's `error: 'Service Unavailable'` string, which is not a check.
      const failed =
        typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
      const checks = status === 503 && typeof failed === 'object' && failed !== null ? failed : undefined;
      return new GatewayError(type, status === 503 ? 'A dependency is unavailable.' : error.message, {
        extensions: checks ? { checks } : undefined,
      });
    }
  }
  return new GatewayError(
    ErrorType.Internal,
    'An unexpected error occurred. Quote the request id when reporting it.',
  );
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const error = toGatewayError(exception, request);
    if (error.type === ErrorType.Internal) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    } else if ((request as { log?: unknown }).log === undefined) {
      // Rejected before the access logger ran (body parsing, content type): log it here instead.
      this.logger.log(
        { requestId: request.id, method: request.method, url: request.originalUrl, status: error.status },
        error.detail,
      );
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(error.options.headers ?? {})) response.setHeader(name, value);
    response
      .status(error.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify(
          problemDetails(error, {
            instance: request.originalUrl?.split('?')[0] ?? request.url,
            requestId: String(request.id ?? ''),
          }),
        ),
      );
  }
}
