import { createHash } from 'node:crypto';
import { ErrorType, GatewayError } from '@app/errors';
import { type NativeOperation, OpenApiContract } from '@app/providers';
import type { ConnectionCapabilitiesDto } from '../billing/capabilities/capability.dto';
import { NativeController } from '../native/native.controller';
import { type JsonSchema, objectSchema, resolvePointer, selfContained } from './json-schema';
import {
  declares,
  type McpTool,
  rejectUnknownArguments,
  requireString,
  type ToolCall,
  toolDefinition,
} from './mcp-tool';
import { restRoute } from './rest-route';
import type { RouteInvoker } from './route-invoker';
import { IDEMPOTENCY_ARGUMENT, idempotencyProperty } from './route-tool';

/** Native tools run through the REST native-operations route: same checks, same answer. */
const NATIVE_CALL_ROUTE = restRoute(NativeController, 'callNativeOperation');

/**
 * MCP allows 128 characters of [A-Za-z0-9_.-]; several clients (Claude's and OpenAI's APIs among
 * them) accept only 64 of [A-Za-z0-9_-], so names keep to that. Longer names (Prefect's
 * FastAPI-generated operationIds run to 90 characters) are cut and end with a hash of the full
 * name, which keeps them unique and stable.
 */
const MAX_NAME_LENGTH = 64;

export function nativeToolName(provider: string, operationId: string): string {
  const full = `${provider}__${operationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (full.length <= MAX_NAME_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_NAME_LENGTH - hash.length - 1)}_${hash}`;
}

/**
 * {connectionId?, path, query, body} from the operation as the catalog resolved it from the
 * provider's spec: path parameters the connection fixes and body fields it fills are left out,
 * since supplying them is refused.
 */
function nativeInputSchema(operation: NativeOperation): JsonSchema {
  const contract = OpenApiContract.for(operation.provider).document;
  const standalone = (schema: unknown) => selfContained(schema, (ref) => resolvePointer(contract, ref));
  const group = (where: 'path' | 'query') => {
    const params = operation.parameters.filter((p) => p.in === where && !(p.name in operation.accountParams));
    const properties = Object.fromEntries(params.map((p) => [p.name, standalone(p.schema)]));
    const required = params.filter((p) => p.required).map((p) => p.name);
    // Query objects stay open: Stripe's deepObject parameters may also be sent as `name[key]`.
    return { schema: objectSchema(properties, required, { open: where === 'query' }), required };
  };
  const path = group('path');
  const query = group('query');
  const properties: Record<string, unknown> = {
    connectionId: {
      type: 'string',
      format: 'uuid',
      description: `Which of your ${operation.provider} connections to call. Default: your primary connection if it is a ${operation.provider} one, else your oldest ${operation.provider} connection.`,
    },
  };
  if (Object.keys(path.schema.properties as object).length > 0) properties.path = path.schema;
  if (Object.keys(query.schema.properties as object).length > 0) properties.query = query.schema;
  if (operation.requestBody) {
    properties.body = withoutFields(
      standalone(operation.requestBody.schema),
      Object.keys(operation.accountBodyFields),
    );
  }
  const idempotencyKey = idempotencyProperty(NATIVE_CALL_ROUTE);
  if (!operation.hints.readOnly && idempotencyKey) properties[IDEMPOTENCY_ARGUMENT] = idempotencyKey;
  const required = [
    ...(path.required.length > 0 ? ['path'] : []),
    ...(query.required.length > 0 ? ['query'] : []),
    ...(operation.requestBody?.required ? ['body'] : []),
  ];
  return objectSchema(properties, required);
}

function withoutFields(schema: JsonSchema, fields: readonly string[]): JsonSchema {
  if (fields.length === 0) return schema;
  const properties = Object.entries((schema.properties ?? {}) as Record<string, unknown>);
  return {
    ...schema,
    properties: Object.fromEntries(properties.filter(([name]) => !fields.includes(name))),
    ...(Array.isArray(schema.required)
      ? { required: (schema.required as string[]).filter((name) => !fields.includes(name)) }
      : {}),
  };
}

/** One catalogued provider operation as a tool, for tenants with a connection to that provider. */
export class NativeTool implements McpTool {
  readonly definition;

  constructor(
    private readonly operation: NativeOperation,
    private readonly providerName: string,
    private readonly invoker: RouteInvoker,
  ) {
    const fixed = [...Object.keys(operation.accountParams), ...Object.keys(operation.accountBodyFields)];
    // Stripe's summaries are HTML paragraphs.
    const summary = operation.summary.replace(/<[^>]+>/g, '').trim();
    this.definition = toolDefinition({
      name: nativeToolName(operation.provider, operation.operationId),
      title: `${providerName}: ${summary}`,
      description: [
        summary,
        `${providerName} native operation ${operation.operationId}: ${operation.method} ${operation.path}.` +
          (fixed.length > 0
            ? ` ${fixed.join(', ')} come${fixed.length === 1 ? 's' : ''} from the connection.`
            : '') +
          " Input is checked against the provider's OpenAPI spec before anything is sent; the result is the provider's answer, unchanged.",
      ].join('\n\n'),
      inputSchema: nativeInputSchema(operation),
      hints: operation.hints,
      openWorld: true,
    });
  }

  availableTo(connections: readonly ConnectionCapabilitiesDto[]): boolean {
    return connections.some((connection) => connection.provider === this.operation.provider);
  }

  async run({ caller, args, connections }: ToolCall): Promise<unknown> {
    rejectUnknownArguments(args, declares(this.definition.inputSchema));
    const connectionId =
      requireString(args, 'connectionId', true) ?? (await this.defaultConnection(connections));
    const payload = Object.fromEntries(
      (['path', 'query', 'body'] as const)
        .filter((key) => args[key] !== undefined)
        .map((key) => [key, args[key]]),
    );
    return this.invoker.invoke(NATIVE_CALL_ROUTE, caller, {
      params: { connectionId, operationId: this.operation.operationId },
      payload,
      // Checked by the route's @IdempotencyKey(), like every write route's.
      headers:
        args[IDEMPOTENCY_ARGUMENT] === undefined
          ? {}
          : { 'idempotency-key': args[IDEMPOTENCY_ARGUMENT] as string },
    });
  }

  /** The capabilities listing is primary first, then oldest first: the first match is the default. */
  private async defaultConnection(connections: ToolCall['connections']): Promise<string> {
    const own = (await connections()).find((connection) => connection.provider === this.operation.provider);
    if (!own) {
      throw new GatewayError(
        ErrorType.NotFound,
        `You have no ${this.providerName} connection to run ${this.operation.operationId} on.`,
      );
    }
    return own.connectionId;
  }
}
