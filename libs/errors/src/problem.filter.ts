import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorType } from './error-types';
import { GatewayError } from './gateway-error';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem';

/** What error mapping needs of a request (a Fastify request has it all). */
export interface ProblemRequest {
  id?: unknown;
  method?: string;
  url?: string;
  originalUrl?: string;
  routeOptions?: { bodyLimit?: number };
}

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

const pathOf = (request: ProblemRequest) => (request.originalUrl ?? request.url ?? '/').split('?')[0]!;

const internalError = () =>
  new GatewayError(
    ErrorType.Internal,
    'An unexpected error occurred. Quote the request id when reporting it.',
  );

/** Turns any thrown value into a GatewayError; only GatewayErrors and known framework errors keep their message. */
export function toGatewayError(error: unknown, request: ProblemRequest): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404 && /^Cannot [A-Z]+ /.test(error.message)) {
      return new GatewayError(
        ErrorType.RouteNotFound,
        `No route matches ${request.method} ${pathOf(request)}.`,
      );
    }
    // Fastify's own errors (body too large, unsupported content type, ...) reach filters as
    // HttpExceptions with Fastify's message, which describes the request and never internals.
    if (status === 413) {
      const limit = request.routeOptions?.bodyLimit;
      return new GatewayError(ErrorType.PayloadTooLarge, `The request body exceeds the ${limit} byte limit.`);
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
  return internalError();
}

/**
 * Answers with the error's problem document: for ProblemFilter, and for Fastify hooks that refuse
 * a request outside Nest's filters. Nothing is sent once the response has started.
 */
export function sendProblem(request: ProblemRequest, reply: FastifyReply, error: GatewayError): void {
  if (reply.sent || reply.raw.headersSent) return;
  const problem = problemDetails(error, { instance: pathOf(request), requestId: String(request.id ?? '') });
  void reply
    .code(error.status)
    .headers({ ...error.options.headers, 'Content-Type': PROBLEM_CONTENT_TYPE })
    .send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<ProblemRequest>();
    const error = toGatewayError(exception, request);
    if (error.type === ErrorType.Internal) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    sendProblem(request, context.getResponse<FastifyReply>(), error);
  }
}
