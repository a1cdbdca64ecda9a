import { Injectable } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpTools } from './mcp-tools.service';
import type { ToolCaller } from './route-invoker';

const INSTRUCTIONS =
  "Billing for the tenant this API key belongs to, over its billing providers' connections " +
  '(Stripe, Qovery, Prefect Cloud, Ampersand). Start with get_capabilities: it lists the connections and ' +
  'what each supports. Tools act on the primary connection unless given a connectionId. ' +
  '`<provider>__<operationId>` tools call the provider’s own API. A failed call returns an RFC 9457 ' +
  'problem (type, title, status, detail, errors[]) with isError set; correct the input and retry. ' +
  'Pass idempotencyKey on writes you may retry.';

/**
 * One MCP server per HTTP request (stateless Streamable HTTP): it knows the caller, answers
 * tools/list and tools/call, and is discarded with the request. Using the SDK's low-level Server
 * because the input schemas are JSON Schema generated from the REST routes, not zod.
 */
@Injectable()
export class McpServerFactory {
  constructor(private readonly tools: McpTools) {}

  create(caller: ToolCaller): Server {
    const server = new Server(
      { name: 'billing-portal-gateway', title: 'Billing portal gateway', version: '1.0.0' },
      { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await this.tools.list(caller) }));
    server.setRequestHandler(CallToolRequestSchema, (request) =>
      this.tools.call(caller, request.params.name, request.params.arguments ?? {}),
    );
    return server;
  }
}
