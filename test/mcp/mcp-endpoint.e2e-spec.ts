import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import {
  APP_ORIGIN,
  type BillingWorld,
  CONNECTION_BODIES,
  startBillingWorld,
} from '../billing/support/billing-world';
import { adminAuth, bearer } from '../support/app';
import { createConnection, createTenantWithKey, type TenantFixture } from '../support/fixtures';
import { expectProblem } from '../support/problem';
import { connectMcp } from './support/mcp-client';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const MCP_ACCEPT = { Accept: 'application/json, text/event-stream' };

const NORMALIZED = [
  'get_capabilities',
  'get_billing_account',
  'update_billing_details',
  'create_portal_session',
  'list_subscriptions',
  'get_subscription',
  'change_seats',
  'change_plan',
  'cancel_subscription',
  'create_checkout_link',
  'list_invoices',
  'get_invoice',
  'get_invoice_pdf_link',
  'get_current_cost',
  'get_cluster_cost',
  'list_payment_methods',
  'redeem_credit_code',
  'start_invoice_download',
  'start_usage_report',
  'get_job',
  'list_events',
];

describe('MCP endpoint: authentication and tools/list', () => {
  let world: BillingWorld;
  let qoveryTenant: TenantFixture;
  const clients: Client[] = [];
  const connect = async (apiKey: string) => {
    const client = await connectMcp(world.test, apiKey);
    clients.push(client);
    return client;
  };
  const byName = (tools: Tool[]) => new Map(tools.map((tool) => [tool.name, tool]));

  beforeAll(async () => {
    world = await startBillingWorld();
    qoveryTenant = await createTenantWithKey(world.test, [APP_ORIGIN]);
    await createConnection(world.test, qoveryTenant.tenantId, CONNECTION_BODIES.qovery);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await world?.close();
  });

  it('refuses a request without a key, with an admin key or with a client token: 401 problem+json', async () => {
    const post = () => world.test.http.post('/mcp').set(MCP_ACCEPT).send(INITIALIZE);
    expectProblem(await post(), 401, 'unauthenticated', '/mcp');
    expectProblem(await post().set(adminAuth), 401, 'unauthenticated', '/mcp');
    const token = await world.test.http
      .post('/v1/client-tokens')
      .set(world.auth)
      .send({ scope: 'portal-session' })
      .expect(201);
    expectProblem(await post().set(bearer(token.body.token)), 401, 'unauthenticated', '/mcp');
    await expect(connectMcp(world.test, 'bgw_not_a_real_key')).rejects.toThrow(/401/);
  });

  it('refuses a revoked key', async () => {
    const key = await world.test.http
      .post(`/admin/tenants/${qoveryTenant.tenantId}/api-keys`)
      .set(adminAuth)
      .send({ name: 'to revoke' })
      .expect(201);
    await world.test.http
      .post('/mcp')
      .set(MCP_ACCEPT)
      .set(bearer(key.body.secret))
      .send(INITIALIZE)
      .expect(200);
    await world.test.http
      .delete(`/admin/tenants/${qoveryTenant.tenantId}/api-keys/${key.body.id}`)
      .set(adminAuth)
      .expect((response) => expect(response.status).toBeLessThan(300));
    const response = await world.test.http
      .post('/mcp')
      .set(MCP_ACCEPT)
      .set(bearer(key.body.secret))
      .send(INITIALIZE);
    expectProblem(response, 401, 'unauthenticated', '/mcp');
  });

  it('is stateless: GET and DELETE are 405 with Allow: POST', async () => {
    for (const method of ['get', 'delete'] as const) {
      const response = await world.test.http[method]('/mcp').set(world.auth).set(MCP_ACCEPT);
      expectProblem(response, 405, 'method-not-allowed', '/mcp');
      expect(response.headers.allow).toBe('POST');
      expect(response.headers['mcp-session-id']).toBeUndefined();
    }
  });

  it('initializes with the SDK client and lists every tool of a tenant with all four providers', async () => {
    const client = await connect(world.tenant.apiKey);
    expect(client.getServerVersion()).toMatchObject({ name: 'billing-portal-gateway' });
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    expect(client.getInstructions()).toMatch(/get_capabilities/);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names.slice(0, NORMALIZED.length)).toEqual(NORMALIZED);
    for (const provider of ['stripe', 'qovery', 'prefect', 'ampersand']) {
      expect(names.some((name) => name.startsWith(`${provider}__`))).toBe(true);
    }
    expect(names).toEqual(
      expect.arrayContaining(['qovery__getOrganizationInvoice', 'stripe__GetCustomersCustomer']),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    for (const tool of tools) {
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(JSON.stringify(tool.inputSchema)).not.toContain('$ref');
    }
  });

  it('annotates each tool with the behaviour of its operation', async () => {
    const tools = byName((await (await connect(world.tenant.apiKey)).listTools()).tools);
    const hints = (name: string) => {
      const { readOnlyHint, destructiveHint, idempotentHint } = tools.get(name)!.annotations!;
      return { readOnlyHint, destructiveHint, idempotentHint };
    };
    const read = { readOnlyHint: true, destructiveHint: false, idempotentHint: true };
    expect(hints('list_invoices')).toEqual(read);
    expect(hints('get_capabilities')).toEqual(read);
    expect(hints('create_portal_session')).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(hints('cancel_subscription')).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(hints('change_seats')).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    // Native tools carry the catalog's hints.
    expect(hints('qovery__getOrganizationInvoice')).toEqual(read);
    expect(hints('qovery__deleteCreditCard')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it("derives input schemas from the REST routes' DTOs and docs", async () => {
    const tools = byName((await (await connect(world.tenant.apiKey)).listTools()).tools);
    const portal = tools.get('create_portal_session')!.inputSchema;
    expect(portal.required).toEqual(['returnUrl']);
    expect(portal.properties).toMatchObject({
      returnUrl: { type: 'string', maxLength: 2048 },
      connectionId: { type: 'string', format: 'uuid' },
      idempotencyKey: { type: 'string', maxLength: 255 },
    });
    expect(portal.additionalProperties).toBe(false);
    // change_seats and change_plan share PATCH /v1/subscriptions/{id}, each with its own field.
    expect(Object.keys(tools.get('change_seats')!.inputSchema.properties!).sort()).toEqual(
      ['connectionId', 'id', 'idempotencyKey', 'seats'].sort(),
    );
    expect(tools.get('change_plan')!.inputSchema.properties).not.toHaveProperty('seats');
    expect(tools.get('get_subscription')!.inputSchema).toMatchObject({
      required: ['id'],
      properties: { id: { type: 'string', pattern: expect.any(String) } },
    });
    expect(tools.get('list_invoices')!.inputSchema.properties).toMatchObject({
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      status: { enum: expect.arrayContaining(['paid', 'open']) },
    });
    expect(tools.get('get_invoice')!.inputSchema.properties).not.toHaveProperty('idempotencyKey');
    expect(tools.get('get_invoice_pdf_link')!.description).toContain(
      'REST equivalent: GET /v1/invoices/{id}/pdf.',
    );
    // Native: {connectionId?, path, query, body} from the spec, without what the connection fixes.
    const nativeInvoice = tools.get('qovery__getOrganizationInvoice')!;
    expect(nativeInvoice.description).toContain('GET /organization/{organizationId}/invoice/{invoiceId}');
    expect(nativeInvoice.inputSchema).toMatchObject({
      required: ['path'],
      properties: { path: { required: ['invoiceId'], properties: { invoiceId: { type: 'string' } } } },
    });
    expect(nativeInvoice.inputSchema.properties!.path).not.toHaveProperty('properties.organizationId');
    const stripeSession = tools.get('stripe__PostBillingPortalSessions')!.inputSchema.properties!;
    expect(stripeSession.body).toMatchObject({ properties: { return_url: { type: 'string' } } });
    expect(stripeSession.body).not.toHaveProperty('properties.customer');
  });

  it("lists only what a Qovery-only tenant's connection supports, and only Qovery's native tools", async () => {
    const { tools } = await (await connect(qoveryTenant.apiKey)).listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'get_capabilities',
        'list_invoices',
        'get_current_cost',
        'change_plan',
        'get_job',
      ]),
    );
    for (const absent of [
      'create_portal_session',
      'change_seats',
      'cancel_subscription',
      'create_checkout_link',
    ]) {
      expect(names).not.toContain(absent);
    }
    const native = names.filter((name) => name.includes('__'));
    expect(native.length).toBeGreaterThan(0);
    expect(native.every((name) => name.startsWith('qovery__'))).toBe(true);
  });
});
