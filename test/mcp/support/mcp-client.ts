import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PROBLEM_TYPE_BASE } from '@app/errors';
import { bearer, type TestApp } from '../../support/app';
import type { ProblemBody } from '../../support/problem';

/**
 * The MCP SDK's own client over real HTTP (Streamable HTTP) against the running api, authenticated
 * the way an agent's MCP client is configured: an Authorization header on every request.
 */
export async function connectMcp(test: TestApp, apiKey: string): Promise<Client> {
  const url = new URL('/mcp', await test.app.getUrl());
  const client = new Client({ name: 'gateway-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: bearer(apiKey) } }));
  return client;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** A successful result's structured content, which must equal its JSON text content. */
export function resultOf<T = Record<string, unknown>>(result: CallToolResult): T {
  expect({ isError: result.isError ?? false, content: result.structuredContent }).toMatchObject({
    isError: false,
  });
  expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  return result.structuredContent as T;
}

/** A failed result's problem: isError, and the problem+json members the REST API would send. */
export function problemOf(result: CallToolResult, status: number, type: string): ProblemBody {
  expect({ isError: result.isError, problem: result.structuredContent }).toMatchObject({
    isError: true,
    problem: { type: `${PROBLEM_TYPE_BASE}${type}`, status },
  });
  const problem = result.structuredContent as ProblemBody;
  expect(problem).toEqual(
    expect.objectContaining({
      title: expect.any(String),
      detail: expect.any(String),
      instance: '/mcp',
      requestId: expect.any(String),
    }),
  );
  expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(problem);
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return problem;
}
