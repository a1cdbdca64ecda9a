import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApplicationConfig, ModuleRef } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyRequest } from 'fastify';
import { isObservable, lastValueFrom } from 'rxjs';
import type { TenantPrincipal } from '@app/auth';
import type { ArgumentKind, RestRoute, RouteArgument } from './rest-route';

/** Who calls a tool: the principal TenantGuard resolved for the MCP request, and its request id. */
export interface ToolCaller {
  tenant: TenantPrincipal;
  requestId: string;
}

/** What a tool call supplies to its route, as an HTTP request would have. */
export interface RouteInput {
  params?: Record<string, string>;
  /** The body or the query, whichever the route takes. */
  payload?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Argument kinds Nest runs pipes on (it skips request, response and headers). */
const PIPEABLE = new Set<ArgumentKind>(['body', 'query', 'param', 'custom']);

/**
 * The reply object a handler sees as a tool. Routes touch it only to set headers (the jobs'
 * Location, X-Snapshot-Age), HTTP framing a tool result does not carry: accepted and dropped.
 */
class ToolResponse {
  header = () => this;
}

/**
 * Calls a route's handler in-process the way Nest's router would: every argument extracted by its
 * decorator (custom decorators such as @CurrentTenant and @IdempotencyKey included, with their own
 * checks), then the app's global pipes (the validation pipe: whitelist, forbidNonWhitelisted,
 * transform) and the argument's own pipes, in Nest's order. The request carries only what the tool
 * call supplied, never the MCP request's own headers. Guards and interceptors are not run: RestRoute
 * admits only routes whose one guard is TenantGuard (which the MCP request passed) and whose
 * interceptors concern browsers only.
 */
@Injectable()
export class RouteInvoker {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: ApplicationConfig,
  ) {}

  /** The controller instance serving the route over HTTP, and the pipes configureHttp registered. */
  invoke(route: RestRoute, caller: ToolCaller, input: RouteInput): Promise<unknown> {
    const controller = this.moduleRef.get(route.controller, { strict: false });
    return invokeRoute(route, controller, this.config.getGlobalPipes(), caller, input);
  }
}

async function invokeRoute(
  route: RestRoute,
  controller: object,
  globalPipes: PipeTransform[],
  caller: ToolCaller,
  input: RouteInput,
): Promise<unknown> {
  const body = route.payload?.kind === 'body' ? (input.payload ?? {}) : undefined;
  const request = {
    id: caller.requestId,
    method: route.verb,
    url: route.path,
    originalUrl: route.path,
    headers: input.headers ?? {},
    params: input.params ?? {},
    query: route.payload?.kind === 'query' ? (input.payload ?? {}) : {},
    body,
    tenant: caller.tenant,
  } as unknown as FastifyRequest;
  const response = new ToolResponse();
  const handler = (controller as Record<string, (...args: unknown[]) => unknown>)[route.method]!;
  const context = new ExecutionContextHost([request, response, undefined], route.controller, handler);
  const args: unknown[] = [];
  for (const argument of route.arguments) {
    let value = extract(argument, request, response, context);
    if (PIPEABLE.has(argument.kind)) {
      for (const pipe of [...globalPipes, ...argument.pipes]) {
        value = await pipe.transform(value, {
          type: argument.kind as 'body' | 'query' | 'param' | 'custom',
          metatype: argument.metatype,
          data: argument.data,
        });
      }
    }
    args[argument.index] = value;
  }
  const result = await handler.apply(controller, args);
  return isObservable(result) ? lastValueFrom(result) : result;
}

function extract(
  argument: RouteArgument,
  request: FastifyRequest,
  response: ToolResponse,
  context: ExecutionContextHost,
): unknown {
  switch (argument.kind) {
    case 'custom':
      return argument.factory!(argument.data, context);
    case 'body':
      return argument.data === undefined
        ? request.body
        : (request.body as Record<string, unknown>)[argument.data];
    case 'query':
      return argument.data === undefined
        ? request.query
        : (request.query as Record<string, unknown>)[argument.data];
    case 'param':
      return argument.data === undefined
        ? request.params
        : (request.params as Record<string, string>)[argument.data];
    case 'headers':
      return argument.data === undefined ? request.headers : request.headers[argument.data.toLowerCase()];
    case 'request':
      return request;
    case 'response':
      return response;
  }
}
