import { PipeTransform, RequestMethod, Type } from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DECORATORS } from '@nestjs/swagger';
import { TenantGuard } from '@app/auth';

/** How a handler argument is filled; the names are the `type` Nest's pipes receive. */
export type ArgumentKind = 'body' | 'query' | 'param' | 'headers' | 'custom' | 'request' | 'response';

const KINDS: Partial<Record<RouteParamtypes, ArgumentKind>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
  [RouteParamtypes.HEADERS]: 'headers',
  [RouteParamtypes.REQUEST]: 'request',
  [RouteParamtypes.RESPONSE]: 'response',
};

export interface RouteArgument {
  index: number;
  kind: ArgumentKind;
  /** `@Param('id')` → 'id'; undefined for a whole body or query. */
  data?: string;
  metatype?: Type<unknown>;
  pipes: PipeTransform[];
  /** The function of a custom decorator (`@CurrentTenant()`, `@IdempotencyKey()`). */
  factory?: (data: unknown, context: unknown) => unknown;
}

/** An OpenAPI parameter object as @ApiParam / @ApiHeader store it. */
export interface DocumentedParameter {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

/**
 * One REST route of this app, described from the metadata its decorators left: how Nest fills
 * each handler argument (route args), and what the OpenAPI document says about it (swagger).
 * MCP tools are built from this, so a tool can never disagree with the route it exposes.
 */
export class RestRoute {
  readonly arguments: RouteArgument[];
  readonly verb: string;
  readonly path: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly parameters: DocumentedParameter[];

  /** Use restRoute(), which checks the method name against the controller. */
  constructor(
    readonly controller: Type<object>,
    readonly method: string,
  ) {
    const handler = (controller.prototype as Record<string, unknown>)[method];
    if (typeof handler !== 'function') throw new Error(`${this.name} is not a route handler`);
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
      string,
      Omit<RouteArgument, 'kind' | 'metatype'>
    >;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
    this.arguments = Object.entries(args).map(([key, arg]) => {
      const kind = key.includes(CUSTOM_ROUTE_ARGS_METADATA)
        ? 'custom'
        : KINDS[Number(key.split(':')[0]) as RouteParamtypes];
      if (!kind) throw new Error(`${this.name}: unsupported argument ${key}`);
      // Nest instantiates pipe classes with the module's injector, which a tool call goes
      // without; the routes exposed here use pipe instances, and a class is refused at start-up.
      if (arg.pipes.some((pipe) => typeof pipe.transform !== 'function')) {
        throw new Error(`${this.name}: argument ${arg.index} uses a pipe class; use an instance`);
      }
      return { ...arg, kind, metatype: types[arg.index] };
    });
    const operation = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) ?? {}) as {
      summary?: string;
      description?: string;
    };
    this.summary = operation.summary ?? this.name;
    this.description = operation.description;
    this.parameters = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ??
      []) as DocumentedParameter[];
    this.verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    this.path = openApiPath(
      Reflect.getMetadata(PATH_METADATA, controller) as string | undefined,
      Reflect.getMetadata(PATH_METADATA, handler) as string | undefined,
    );
    this.assertCallableInProcess(handler as object);
  }

  get name(): string {
    return `${this.controller.name}.${this.method}`;
  }

  /** The handler's body or query DTO (a route exposed as a tool takes at most one). */
  get payload(): RouteArgument | undefined {
    const payloads = this.arguments.filter((arg) => arg.kind === 'body' || arg.kind === 'query');
    if (payloads.length > 1 || payloads.some((arg) => arg.data !== undefined)) {
      throw new Error(`${this.name}: a tool needs a single whole-body or whole-query DTO`);
    }
    return payloads[0];
  }

  get pathParameters(): RouteArgument[] {
    return this.arguments.filter((arg) => arg.kind === 'param');
  }

  /** Documented header parameters, e.g. Idempotency-Key. */
  header(name: string): DocumentedParameter | undefined {
    return this.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase());
  }

  /**
   * Tools run with the principal the MCP request authenticated (TenantGuard on /mcp), without the
   * route's guards and interceptors (see RouteInvoker). That is only the same as calling the route
   * if its one guard is TenantGuard and it has no interceptors; anything else is refused at
   * start-up rather than silently skipped.
   */
  private assertCallableInProcess(handler: object): void {
    const both = (key: string) => [
      ...((Reflect.getMetadata(key, this.controller) ?? []) as unknown[]),
      ...((Reflect.getMetadata(key, handler) ?? []) as unknown[]),
    ];
    const guards = both(GUARDS_METADATA);
    if (guards.length !== 1 || guards[0] !== TenantGuard) {
      throw new Error(`${this.name} is not a tenant route (TenantAuth) and cannot be an MCP tool`);
    }
    const interceptors = both(INTERCEPTORS_METADATA);
    if (interceptors.length > 0) {
      throw new Error(`${this.name} has interceptors an MCP tool would skip; review them before exposing it`);
    }
  }
}

/** `v1/invoices` + `:id/pdf` → `/v1/invoices/{id}/pdf`, as the OpenAPI document writes it. */
function openApiPath(...parts: Array<string | undefined>): string {
  const joined = parts.map((part) => (part ?? '').replace(/^\/|\/$/g, '')).filter(Boolean);
  return `/${joined.join('/')}`.replace(/:(\w+)/g, '{$1}');
}

export const restRoute = <C extends object>(controller: Type<C>, method: keyof C & string): RestRoute =>
  new RestRoute(controller, method);
