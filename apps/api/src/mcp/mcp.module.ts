import { Module } from '@nestjs/common';
import { McpController } from './mcp.controller';
import { McpServerFactory } from './mcp-server.factory';
import { McpTools } from './mcp-tools.service';
import { RouteInvoker } from './route-invoker';

/**
 * MCP over Streamable HTTP at /mcp: the normalized API and the native operations as tools for AI
 * agents. Tools call the REST routes' handlers in-process (RouteInvoker), which belong to the
 * billing, jobs and native modules: this module only needs them to be part of the app.
 */
@Module({ controllers: [McpController], providers: [McpServerFactory, McpTools, RouteInvoker] })
export class McpModule {}
