import { ParseUUIDPipe, type Type } from '@nestjs/common';
import { generateSchema } from '@nestjs/swagger';
import type { Capability } from '@app/providers';
import type { ConnectionCapabilitiesDto } from '../billing/capabilities/capability.dto';
import { type JsonSchema, objectSchema, resolvePointer, selfContained } from './json-schema';
import {
  declares,
  type McpTool,
  rejectUnknownArguments,
  requireString,
  type ToolCall,
  toolDefinition,
  type ToolHints,
} from './mcp-tool';
import type { RestRoute } from './rest-route';
import type { RouteInvoker } from './route-invoker';

export const IDEMPOTENCY_ARGUMENT = 'idempotencyKey';
const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A normalized REST route exposed as a tool. */
export interface RouteToolSpec {
  name: string;
  route: RestRoute;
  /** Listed when one of the tenant's connections supports one of these; always when empty. */
  capabilities: Capability[];
  hints: ToolHints;
  /** Expose only these fields of the route's DTO (change_seats and change_plan share a route). */
  fields?: string[];
  /** Replaces the route's summary when the tool is narrower than the route. */
  summary?: string;
  /** False for tools that only read the gateway's own state. */
  openWorld?: boolean;
}

/**
 * The input schema, entirely from what the REST docs say about the route: path parameters from
 * @ApiParam (or, undocumented, a string, a UUID when its pipe wants one), the DTO's schema as
 * @nestjs/swagger generates it for the OpenAPI document, and `idempotencyKey` when the route
 * documents an Idempotency-Key header.
 */
export function routeInputSchema(route: RestRoute, fields?: readonly string[]): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const param of route.pathParameters) {
    const name = param.data!;
    const documented = route.parameters.find((p) => p.in === 'path' && p.name === name);
    const uuid = param.pipes.some((pipe) => pipe instanceof ParseUUIDPipe);
    properties[name] = {
      ...(documented?.schema ? selfContained(documented.schema, () => ({})) : { type: 'string' }),
      ...(uuid ? { format: 'uuid' } : {}),
      description: documented?.description ?? `The {${name}} of ${route.verb} ${route.path}.`,
    };
    required.push(name);
  }
  const payload = route.payload;
  if (payload) {
    const dto = payloadSchema(route);
    const keep = (name: string) => !fields || fields.includes(name);
    for (const [name, property] of Object.entries((dto.properties ?? {}) as Record<string, unknown>)) {
      if (!keep(name)) continue;
      if (name in properties) throw new Error(`${route.name}: ${name} is both a path parameter and a field`);
      properties[name] = property;
    }
    required.push(...((dto.required ?? []) as string[]).filter(keep));
  }
  const idempotencyKey = idempotencyProperty(route);
  if (idempotencyKey) properties[IDEMPOTENCY_ARGUMENT] = idempotencyKey;
  return objectSchema(properties, required);
}

/** The route's DTO as @nestjs/swagger generates it for the OpenAPI document, made standalone. */
function payloadSchema(route: RestRoute): JsonSchema & { properties?: Record<string, unknown> } {
  const { schema, schemas } = generateSchema(route.payload!.metatype as Type);
  return selfContained(schema, (ref) => resolvePointer({ components: { schemas } }, ref));
}

/** The `idempotencyKey` argument of a route that documents an Idempotency-Key header, as documented. */
export function idempotencyProperty(route: RestRoute): JsonSchema | undefined {
  const header = route.header(IDEMPOTENCY_HEADER);
  if (!header) return undefined;
  return {
    ...selfContained(header.schema ?? { type: 'string' }, () => ({})),
    description: `${header.description ?? ''} (The REST API's ${IDEMPOTENCY_HEADER} header.)`.trim(),
  };
}

export class RouteTool implements McpTool {
  readonly definition;
  private readonly dtoFields: string[];

  constructor(
    private readonly spec: RouteToolSpec,
    private readonly invoker: RouteInvoker,
  ) {
    const { route } = spec;
    this.dtoFields = Object.keys(route.payload ? (payloadSchema(route).properties ?? {}) : {});
    const summary = spec.summary ?? route.summary;
    this.definition = toolDefinition({
      name: spec.name,
      title: summary,
      description: [summary, route.description, `REST equivalent: ${route.verb} ${route.path}.`]
        .filter(Boolean)
        .join('\n\n'),
      inputSchema: routeInputSchema(route, spec.fields),
      hints: spec.hints,
      openWorld: spec.openWorld ?? true,
    });
  }

  availableTo(connections: readonly ConnectionCapabilitiesDto[]): boolean {
    const { capabilities } = this.spec;
    return (
      capabilities.length === 0 ||
      connections.some((connection) => capabilities.some((c) => connection.capabilities.includes(c)))
    );
  }

  /** Splits the flat arguments the way the HTTP request carries them: path, header, body or query. */
  run({ caller, args }: ToolCall): Promise<unknown> {
    const { route, fields } = this.spec;
    const declared = declares(this.definition.inputSchema);
    const hidden = fields ? new Set(this.dtoFields.filter((name) => !fields.includes(name))) : new Set();
    // Undeclared arguments go on to the DTO, whose whitelist names them along with every other
    // violation. Only fields this tool hides from the DTO (change_seats hides `plan`) must be
    // refused here, since the DTO would accept them; so must everything when there is no DTO.
    rejectUnknownArguments(
      args,
      (name) => declared(name) || (route.payload !== undefined && !hidden.has(name)),
    );
    const payload: Record<string, unknown> = { ...args };
    const params: Record<string, string> = {};
    for (const param of route.pathParameters) {
      params[param.data!] = requireString(args, param.data!)!;
      delete payload[param.data!];
    }
    const headers: Record<string, string> = {};
    if (args[IDEMPOTENCY_ARGUMENT] !== undefined) {
      // Not type-checked here: the route's @IdempotencyKey() refuses anything but a valid key.
      headers[IDEMPOTENCY_HEADER.toLowerCase()] = args[IDEMPOTENCY_ARGUMENT] as string;
      delete payload[IDEMPOTENCY_ARGUMENT];
    }
    return this.invoker.invoke(route, caller, { params, headers, payload });
  }
}
