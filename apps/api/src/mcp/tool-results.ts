import { Logger } from '@nestjs/common';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ErrorType, problemDetails, toGatewayError } from '@app/errors';
import type { ToolCaller } from './route-invoker';

const logger = new Logger('McpTools');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The route's answer as JSON text (what every client shows the model) and, when it is an object,
 * also as structured content. Routes that answer 204 return nothing; the tool says it succeeded.
 */
export function toolSuccess(value: unknown): CallToolResult {
  const result = value === undefined ? { ok: true } : value;
  return {
    content: [{ type: 'text', text: JSON.stringify(result) }],
    ...(isRecord(result) ? { structuredContent: result } : {}),
  };
}

/**
 * A failure as a tool result (isError), never as a JSON-RPC error: the model reads it and can
 * correct its input. The content is the problem object the REST API would have sent, mapped by
 * the same toGatewayError (so unexpected errors stay an opaque internal-error, logged here like
 * ProblemFilter logs them), with the tool's name added.
 */
export function toolFailure(error: unknown, caller: ToolCaller, tool: string): CallToolResult {
  const mapped = toGatewayError(error, { method: 'POST', url: '/mcp', id: caller.requestId });
  if (mapped.type === ErrorType.Internal) {
    logger.error({ err: error, requestId: caller.requestId, tool }, 'Unhandled error in an MCP tool');
  }
  const problem = { ...problemDetails(mapped, { instance: '/mcp', requestId: caller.requestId }), tool };
  return {
    isError: true,
    content: [{ type: 'text', text: JSON.stringify(problem) }],
    structuredContent: problem,
  };
}
