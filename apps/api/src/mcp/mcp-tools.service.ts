import { Injectable, Logger } from '@nestjs/common';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { ErrorType, GatewayError } from '@app/errors';
import { NativeCatalog, PROVIDER_IDS, ProviderRegistry } from '@app/providers';
import type { CapabilitiesDto, ConnectionCapabilitiesDto } from '../billing/capabilities/capability.dto';
import type { McpTool } from './mcp-tool';
import { NativeTool } from './native-tools';
import { CAPABILITIES_ROUTE, NORMALIZED_TOOLS } from './normalized-tools';
import { RouteInvoker, type ToolCaller } from './route-invoker';
import { RouteTool } from './route-tool';
import { toolFailure, toolSuccess } from './tool-results';

/**
 * Every tool the gateway offers, built once at start-up: the normalized API, then one tool per
 * catalogued native operation of every provider. Which of them a tenant sees depends on its
 * connections; which it may call does not: a call is answered by the REST route behind the tool,
 * so a tool the tenant cannot use gets the route's answer (501, 404), exactly as over HTTP.
 */
@Injectable()
export class McpTools {
  private readonly logger = new Logger(McpTools.name);
  private readonly tools = new Map<string, McpTool>();

  constructor(
    private readonly invoker: RouteInvoker,
    catalog: NativeCatalog,
    registry: ProviderRegistry,
  ) {
    const native = PROVIDER_IDS.flatMap((provider) =>
      catalog
        .list(provider)
        .map((operation) => new NativeTool(operation, registry.get(provider).displayName, invoker)),
    );
    for (const tool of [...NORMALIZED_TOOLS.map((spec) => new RouteTool(spec, invoker)), ...native]) {
      if (this.tools.has(tool.definition.name))
        throw new Error(`Two MCP tools are named ${tool.definition.name}`);
      this.tools.set(tool.definition.name, tool);
    }
  }

  /** The tools the tenant's connections make useful, normalized ones first. */
  async list(caller: ToolCaller): Promise<Tool[]> {
    const connections = await this.connections(caller);
    return [...this.tools.values()]
      .filter((tool) => tool.availableTo(connections))
      .map((tool) => tool.definition);
  }

  /** Always a tool result: success, or the problem (isError) whatever went wrong. */
  async call(caller: ToolCaller, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    let result: CallToolResult;
    try {
      const tool = this.tools.get(name);
      if (!tool) {
        throw new GatewayError(ErrorType.NotFound, `There is no tool named ${name}; tools/list shows yours.`);
      }
      result = toolSuccess(await tool.run({ caller, args, connections: () => this.connections(caller) }));
    } catch (error) {
      result = toolFailure(error, caller, name);
    }
    // The access log shows one POST /mcp; this says which tool ran and how it ended (never its input).
    const status = result.isError ? (result.structuredContent as { status: number }).status : 'ok';
    this.logger.log(
      { requestId: caller.requestId, tenantId: caller.tenant.tenantId, tool: name, status },
      'MCP tool call',
    );
    return result;
  }

  private async connections(caller: ToolCaller): Promise<ConnectionCapabilitiesDto[]> {
    const capabilities = (await this.invoker.invoke(CAPABILITIES_ROUTE, caller, {})) as CapabilitiesDto;
    return capabilities.data;
  }
}
