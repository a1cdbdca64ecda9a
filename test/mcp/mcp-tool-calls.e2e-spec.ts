import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  APP_ORIGIN,
  type BillingWorld,
  CONNECTION_BODIES,
  startBillingWorld,
} from '../billing/support/billing-world';
import { STRIPE_FAKE } from '../fakes/stripe-fake';
import { createConnection, createTenantWithKey, type TenantFixture } from '../support/fixtures';
import { callTool, connectMcp, problemOf, resultOf } from './support/mcp-client';

const RETURN_URL = `${APP_ORIGIN}/settings/billing`;

interface InvoicePage {
  data: Array<{ id: string; provider: string; connectionId: string }>;
  nextCursor: string | null;
  hasMore: boolean;
}

/**
 * Tool calls against the provider fakes: the world tenant has a connection to each provider
 * (Stripe primary); a second tenant has only Qovery.
 */
describe('MCP endpoint: tools/call', () => {
  let world: BillingWorld;
  let qoveryTenant: TenantFixture;
  let qoveryTenantConnection: string;
  let agent: Client;
  let qoveryAgent: Client;

  beforeAll(async () => {
    world = await startBillingWorld();
    qoveryTenant = await createTenantWithKey(world.test, [APP_ORIGIN]);
    qoveryTenantConnection = await createConnection(
      world.test,
      qoveryTenant.tenantId,
      CONNECTION_BODIES.qovery,
    );
    agent = await connectMcp(world.test, world.tenant.apiKey);
    qoveryAgent = await connectMcp(world.test, qoveryTenant.apiKey);
  });
  afterAll(async () => {
    await Promise.all([agent?.close(), qoveryAgent?.close()]);
    await world?.close();
  });
  beforeEach(() => world.forgetRequests());

  it('create_portal_session returns the URL of the Stripe session, forwarding idempotencyKey', async () => {
    const session = resultOf(
      await callTool(agent, 'create_portal_session', {
        returnUrl: RETURN_URL,
        idempotencyKey: 'mcp-portal-1',
      }),
    );
    expect(session).toEqual({
      url: world.stripe.state.sessions.at(-1)!.url,
      provider: 'stripe',
      connectionId: world.connections.stripe,
      expiresAt: null,
    });
    const [call] = world.requestsTo('stripe');
    expect(call).toMatchObject({ method: 'POST', path: '/v1/billing_portal/sessions' });
    expect(call!.body).toMatchObject({ customer: STRIPE_FAKE.customerId, return_url: RETURN_URL });
    expect(call!.headers['idempotency-key']).toBe('mcp-portal-1');
  });

  it('list_invoices pages through the invoices of the chosen connection', async () => {
    const first = resultOf<InvoicePage>(await callTool(agent, 'list_invoices', { limit: 5 }));
    expect(first.data).toHaveLength(5);
    expect(first.data.every((invoice) => invoice.provider === 'stripe')).toBe(true);
    expect(first).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const second = resultOf<InvoicePage>(
      await callTool(agent, 'list_invoices', { limit: 5, cursor: first.nextCursor }),
    );
    expect(second.data.map((invoice) => invoice.id)).not.toEqual(
      expect.arrayContaining(first.data.map((invoice) => invoice.id)),
    );
    const qovery = resultOf<InvoicePage>(
      await callTool(agent, 'list_invoices', { connectionId: world.connections.qovery, limit: 100 }),
    );
    expect(qovery.data.map((invoice) => invoice.id).sort()).toEqual(
      world.qovery.state.invoices.map((invoice) => invoice.id).sort(),
    );
  });

  it('reports every validation failure at once as isError with errors[], sending nothing', async () => {
    const problem = problemOf(
      await callTool(agent, 'list_invoices', { limit: 0, status: 'lost', extra: true }),
      400,
      'validation-failed',
    );
    expect(problem.tool).toBe('list_invoices');
    expect(problem.errors!.map((error) => error.field).sort()).toEqual(['extra', 'limit', 'status']);
    // The route's own path-parameter pipe, and a DTO field the narrower tool does not expose.
    const badId = problemOf(
      await callTool(agent, 'get_subscription', { id: '../x' }),
      400,
      'validation-failed',
    );
    expect(badId.errors).toEqual([{ field: 'id', message: expect.stringContaining('provider id') }]);
    const hidden = problemOf(
      await callTool(agent, 'change_seats', { id: STRIPE_FAKE.subscriptions.active, plan: 'price_FakePro' }),
      400,
      'validation-failed',
    );
    expect(hidden.errors).toEqual([{ field: 'plan', message: 'unknown field; it should not exist' }]);
    const badKey = problemOf(
      await callTool(agent, 'create_portal_session', { returnUrl: RETURN_URL, idempotencyKey: 'has spaces' }),
      400,
      'validation-failed',
    );
    expect(badKey.errors![0]!.field).toBe('Idempotency-Key');
    expect(world.requestsTo('stripe')).toHaveLength(0);
  });

  it('answers 501 unsupported-operation for what the provider cannot do, before any upstream call', async () => {
    const problem = problemOf(
      await callTool(qoveryAgent, 'create_portal_session', { returnUrl: RETURN_URL }),
      501,
      'unsupported-operation',
    );
    expect(problem).toMatchObject({
      provider: 'qovery',
      operation: 'create_portal_session',
      connectionId: qoveryTenantConnection,
      supportedBy: expect.arrayContaining(['stripe']),
    });
    expect(world.requestsTo('qovery')).toHaveLength(0);
  });

  it('refuses a return URL outside the tenant allowlist (422) without calling Stripe', async () => {
    const problem = problemOf(
      await callTool(agent, 'create_portal_session', { returnUrl: 'https://evil.example/phish' }),
      422,
      'unprocessable-entity',
    );
    expect(problem.errors).toEqual([{ field: 'returnUrl', message: expect.any(String) }]);
    expect(JSON.stringify(problem)).not.toContain('evil.example');
    expect(world.requestsTo('stripe')).toHaveLength(0);
  });

  it("treats another tenant's connection as not found, on normalized and native tools", async () => {
    problemOf(
      await callTool(agent, 'get_billing_account', { connectionId: qoveryTenantConnection }),
      404,
      'not-found',
    );
    problemOf(
      await callTool(qoveryAgent, 'stripe__GetCustomersCustomer', { connectionId: world.connections.stripe }),
      404,
      'not-found',
    );
    // Without a connection of the tool's provider there is nothing to default to.
    const none = problemOf(await callTool(qoveryAgent, 'stripe__GetCustomersCustomer'), 404, 'not-found');
    expect(none.detail).toMatch(/no Stripe connection/);
    expect(world.requestsTo('stripe')).toHaveLength(0);
    expect(world.requestsTo('qovery')).toHaveLength(0);
  });

  it("calls a native operation on the tenant's connection of that provider and returns the provider's answer", async () => {
    const invoiceId = world.qovery.state.invoices[0]!.id;
    const result = resultOf(await callTool(agent, 'qovery__getOrganizationInvoice', { path: { invoiceId } }));
    expect(result).toMatchObject({
      provider: 'qovery',
      connectionId: world.connections.qovery,
      operationId: 'getOrganizationInvoice',
      upstreamStatus: 200,
      data: { id: invoiceId },
    });
    expect(world.requestsTo('qovery').map((request) => request.path)).toEqual([
      `/organization/${CONNECTION_BODIES.qovery.account.organizationId}/invoice/${invoiceId}`,
    ]);
  });

  it('forwards idempotencyKey on native writes, checked like the normalized routes do', async () => {
    const body = { return_url: RETURN_URL };
    const created = resultOf(
      await callTool(agent, 'stripe__PostBillingPortalSessions', { body, idempotencyKey: 'mcp-native-1' }),
    );
    expect(created).toMatchObject({
      provider: 'stripe',
      upstreamStatus: 200,
      data: { customer: STRIPE_FAKE.customerId },
    });
    expect(world.requestsTo('stripe').map((request) => request.headers['idempotency-key'])).toEqual([
      'mcp-native-1',
    ]);
    world.forgetRequests();
    problemOf(
      await callTool(agent, 'stripe__PostBillingPortalSessions', { body, idempotencyKey: 'line\nbreak' }),
      400,
      'validation-failed',
    );
    expect(world.requestsTo('stripe')).toHaveLength(0);
  });

  it('validates native input against the provider spec, refusing to override the account', async () => {
    const problem = problemOf(
      await callTool(agent, 'qovery__getOrganizationInvoice', {
        path: {
          invoiceId: world.qovery.state.invoices[0]!.id,
          organizationId: '00000000-0000-4000-8000-000000000000',
        },
      }),
      400,
      'validation-failed',
    );
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'path.organizationId' }));
    problemOf(
      await callTool(agent, 'qovery__getOrganizationInvoice', { path: { invoiceId: 7 } }),
      400,
      'validation-failed',
    );
    expect(world.requestsTo('qovery')).toHaveLength(0);
  });

  it('starts an invoice download job and reads it back with get_job', async () => {
    const accepted = resultOf<{ job: { id: string; type: string; status: string } }>(
      await callTool(agent, 'start_invoice_download', { id: 'in_Fake0001' }),
    );
    expect(accepted.job).toMatchObject({ type: 'invoice_download', status: expect.any(String) });
    const job = resultOf(await callTool(agent, 'get_job', { id: accepted.job.id }));
    expect(job).toMatchObject({ id: accepted.job.id, connectionId: world.connections.stripe });
    problemOf(await callTool(qoveryAgent, 'get_job', { id: accepted.job.id }), 404, 'not-found');
  });

  it('reads the change feed with list_events, validating its cursor like the REST route', async () => {
    const page = resultOf<{ data: unknown[]; hasMore: boolean }>(
      await callTool(agent, 'list_events', { limit: 10 }),
    );
    expect(Array.isArray(page.data)).toBe(true);
    problemOf(await callTool(agent, 'list_events', { after: 'forged.cursor' }), 400, 'validation-failed');
  });

  it('answers an unknown tool with a 404 problem, not a protocol error', async () => {
    const problem = problemOf(await callTool(agent, 'drop_all_tables'), 404, 'not-found');
    expect(problem.tool).toBe('drop_all_tables');
  });
});
