import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedRequest, TenantAuth } from '@app/auth';
import { ApiProblems, ErrorType, GatewayError } from '@app/errors';
import { McpServerFactory } from './mcp-server.factory';

/** Documented loosely on purpose: the MCP specification, not this document, defines the messages. */
const JSON_RPC_ID = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
const JSON_RPC_REQUEST = {
  type: 'object',
  description:
    'A JSON-RPC 2.0 message of the Model Context Protocol (initialize, tools/list, tools/call, ...).',
  required: ['jsonrpc'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: JSON_RPC_ID,
    method: { type: 'string', example: 'tools/call' },
    params: { type: 'object', additionalProperties: true },
  },
  additionalProperties: true,
};
const JSON_RPC_RESPONSE = {
  type: 'object',
  description: 'The JSON-RPC 2.0 response: `result`, or `error` for a protocol error.',
  required: ['jsonrpc', 'id'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: JSON_RPC_ID,
    result: { type: 'object', additionalProperties: true },
    error: { type: 'object', additionalProperties: true },
  },
};

const statelessOnly = (detail: string) =>
  new GatewayError(
    ErrorType.MethodNotAllowed,
    `${detail} This MCP endpoint is stateless; send messages with POST.`,
    {
      headers: { Allow: 'POST' },
    },
  );

/**
 * Streamable HTTP, stateless: every POST gets a fresh server and transport that live as long as the
 * request. No session lives in this process, so any replica can answer any request and nothing is
 * lost on restart; the price is no server-initiated messages, which these tools never need. The
 * tenant API key authenticates every request (TenantGuard, as on /v1; client tokens are refused).
 */
@ApiTags('MCP')
@TenantAuth()
@Controller('mcp')
export class McpController {
  constructor(private readonly servers: McpServerFactory) {}

  @Post()
  @ApiOperation({
    summary: 'MCP endpoint for AI agents (Streamable HTTP)',
    description:
      'The normalized billing API and the native operations as MCP tools. Connect an MCP client with the ' +
      'tenant API key as bearer token. Protocol errors are JSON-RPC errors; a failing tool call is a tool ' +
      'result with `isError` whose content is the problem object this API would return.',
  })
  @ApiBody({ schema: JSON_RPC_REQUEST })
  @ApiOkResponse({ description: 'The JSON-RPC response.', schema: JSON_RPC_RESPONSE })
  @ApiAcceptedResponse({ description: 'A notification or response was accepted; no body.' })
  @ApiProblems(413, 415)
  async handleMcpMessage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const server = this.servers.create({ tenant: request.tenant!, requestId: String(request.id ?? '') });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      // Plain JSON answers: a tool call yields exactly one message, so an SSE stream adds nothing
      // but trouble with proxies that buffer.
      enableJsonResponse: true,
    });
    // The SDK writes to Node's response itself; Fastify must not send one too.
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  }

  /** The spec lets a server without a server-to-client stream answer 405; clients then carry on. */
  @Get()
  @ApiExcludeEndpoint()
  openEventStream(): never {
    throw statelessOnly('There is no server-to-client event stream.');
  }

  @Delete()
  @ApiExcludeEndpoint()
  endSession(): never {
    throw statelessOnly('There is no session to end.');
  }
}
