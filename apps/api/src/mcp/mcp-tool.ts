import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { type FieldError, GatewayError } from '@app/errors';
import type { ConnectionCapabilitiesDto } from '../billing/capabilities/capability.dto';
import type { JsonSchema } from './json-schema';
import type { ToolCaller } from './route-invoker';

/** What an operation does, for the MCP annotations clients use to decide what needs confirmation. */
export interface ToolHints {
  readOnly: boolean;
  destructive: boolean;
  idempotent: boolean;
}

export interface ToolCall {
  caller: ToolCaller;
  args: Record<string, unknown>;
  /** The tenant's connections and what each supports (loaded only if the tool needs them). */
  connections(): Promise<ConnectionCapabilitiesDto[]>;
}

/** One MCP tool: its definition for tools/list, when a tenant sees it, and how it runs. */
export interface McpTool {
  readonly definition: Tool;
  availableTo(connections: readonly ConnectionCapabilitiesDto[]): boolean;
  run(call: ToolCall): Promise<unknown>;
}

/**
 * `openWorld`: the tool reaches an external system (a billing provider), as opposed to reading
 * the gateway's own state.
 */
export function toolDefinition(input: {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  hints: ToolHints;
  openWorld: boolean;
}): Tool {
  return {
    name: input.name,
    title: input.title,
    description: input.description,
    inputSchema: input.inputSchema as Tool['inputSchema'],
    annotations: {
      title: input.title,
      readOnlyHint: input.hints.readOnly,
      destructiveHint: input.hints.destructive,
      idempotentHint: input.hints.idempotent,
      openWorldHint: input.openWorld,
    },
  };
}

/** Refuses, with the validation pipe's own wording, every argument `accepts` turns down. */
export function rejectUnknownArguments(
  args: Record<string, unknown>,
  accepts: (name: string) => boolean,
): void {
  const unknown: FieldError[] = Object.keys(args)
    .filter((name) => !accepts(name))
    .map((field) => ({ field, message: 'unknown field; it should not exist' }));
  if (unknown.length > 0) throw GatewayError.validation(unknown);
}

/** The properties an object input schema declares. */
export const declares = (schema: { properties?: object }) => (name: string) =>
  Object.prototype.hasOwnProperty.call(schema.properties ?? {}, name);

/** A path parameter or similar that must be a non-empty string before any pipe sees it. */
export function requireString(
  args: Record<string, unknown>,
  name: string,
  optional = false,
): string | undefined {
  const value = args[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw GatewayError.validation([
      {
        field: name,
        message: value === undefined ? `${name} is required` : `${name} must be a non-empty string`,
      },
    ]);
  }
  return value;
}
