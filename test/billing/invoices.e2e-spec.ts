import { bearer } from '../support/app';
import { createConnection, createTenantWithKey } from '../support/fixtures';
import { expectProblem } from '../support/problem';
import { STRIPE_FAKE } from '../fakes/stripe-fake';
import { BillingWorld, CONNECTION_BODIES, on, startBillingWorld } from './support/billing-world';
import { expectResource } from './support/shapes';

const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void', 'unknown'];

describe('invoices', () => {
  let world: BillingWorld;

  beforeAll(async () => {
    world = await startBillingWorld({ stripeInvoices: 250, qoveryInvoices: 250 });
  });
  afterAll(() => world?.close());
  beforeEach(() => world.forgetRequests());

  const list = (query: Record<string, unknown>, auth = world.auth) =>
    world.test.http.get('/v1/invoices').query(query).set(auth);

  /** Follows nextCursor to the end; returns every invoice id in the order served. */
  async function walk(query: Record<string, unknown>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await list({ ...query, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(['data', 'hasMore', 'nextCursor']);
      expect(response.body.hasMore).toBe(response.body.nextCursor !== null);
      ids.push(...response.body.data.map((invoice: { id: string }) => invoice.id));
      cursor = response.body.nextCursor ?? undefined;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { ids, pages };
  }

  it.each(['stripe', 'qovery'] as const)(
    'walks all 250 invoices of the %s account with limit=100: each exactly once',
    async (provider) => {
      const { ids, pages } = await walk({ ...on(world, provider), limit: 100 });
      expect(pages).toBe(3);
      expect(ids).toHaveLength(250);
      expect(new Set(ids).size).toBe(250);
      const seeded =
        provider === 'stripe'
          ? world.stripe.state.invoices.filter((i) => i.customer === STRIPE_FAKE.customerId).map((i) => i.id)
          : world.qovery.state.invoices.map((i) => i.id);
      expect([...ids].sort()).toEqual([...seeded].sort());
    },
  );

  it.each(['stripe', 'qovery'] as const)(
    'serves %s invoices in the normalized shape, 20 per page by default',
    async (provider) => {
      const response = await list(on(world, provider)).expect(200);
      expect(response.body.data).toHaveLength(20);
      expect(response.body.hasMore).toBe(true);
      for (const invoice of response.body.data) {
        expectResource(world, invoice, 'invoice', provider);
        expect(INVOICE_STATUSES).toContain(invoice.status);
      }
    },
  );

  it.each(['stripe', 'qovery'] as const)(
    'filters %s invoices by normalized status across pages',
    async (provider) => {
      const { ids } = await walk({ ...on(world, provider), status: 'paid', limit: 30 });
      expect(ids.length).toBeGreaterThan(0);
      const page = await list({ ...on(world, provider), status: 'paid', limit: 100 }).expect(200);
      expect(page.body.data.every((invoice: { status: string }) => invoice.status === 'paid')).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it.each(['stripe', 'qovery'] as const)('gets one %s invoice and a link to its PDF', async (provider) => {
    const first = (await list({ ...on(world, provider), status: 'paid', limit: 1 }).expect(200)).body.data[0];
    const one = await world.test.http
      .get(`/v1/invoices/${first.id}`)
      .query(on(world, provider))
      .set(world.auth)
      .expect(200);
    expect(one.body).toEqual(first);
    const pdf = await world.test.http
      .get(`/v1/invoices/${first.id}/pdf`)
      .query(on(world, provider))
      .set(world.auth)
      .expect(200);
    expect(pdf.body).toEqual({
      url: expect.stringMatching(/^https?:\/\//),
      expiresAt: null,
      provider,
      connectionId: world.connections[provider],
    });
    if (provider === 'qovery') {
      // The fake serves the PDF itself (like a pre-signed URL), so the link must really lead to it.
      const file = await fetch(pdf.body.url);
      expect((await file.text()).startsWith('%PDF')).toBe(true);
    }
  });

  it("answers another customer's Stripe invoice like a missing one", async () => {
    const response = await world.test.http.get(`/v1/invoices/${STRIPE_FAKE.otherInvoiceId}`).set(world.auth);
    expect(response.status).toBe(404);
  });

  describe('cursors', () => {
    let cursor: string;
    beforeAll(async () => {
      cursor = (await list({ ...on(world, 'stripe'), limit: 5 }).expect(200)).body.nextCursor;
    });

    const expectCursorRejected = async (response: Awaited<ReturnType<typeof list>>) => {
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem.errors!.map((e) => e.field)).toEqual(['cursor']);
    };

    it('continues the listing it came from', async () => {
      const next = await list({ ...on(world, 'stripe'), limit: 5, cursor }).expect(200);
      expect(next.body.data).toHaveLength(5);
    });

    it('is opaque: the provider cursor is not readable as-is', () => {
      expect(cursor).not.toMatch(/^in_/);
    });

    it('refuses an edited cursor (400 naming cursor) without calling the provider', async () => {
      const [body, mac] = cursor.split('.');
      const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
      const edited = Buffer.from(JSON.stringify({ ...payload, p: 'in_Fake0200' })).toString('base64url');
      world.forgetRequests();
      for (const forged of [
        `${edited}.${mac}`,
        `${body}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`,
        'in_Fake0004',
        `${cursor}x`,
      ]) {
        await expectCursorRejected(await list({ ...on(world, 'stripe'), cursor: forged }));
      }
      expect(world.requestsTo('stripe')).toEqual([]);
    });

    it('refuses a cursor replayed with another status filter or on another connection', async () => {
      await expectCursorRejected(await list({ ...on(world, 'stripe'), status: 'paid', cursor }));
      const qoveryCursor = (await list({ ...on(world, 'qovery'), limit: 5 }).expect(200)).body.nextCursor;
      await expectCursorRejected(await list({ ...on(world, 'stripe'), cursor: qoveryCursor }));
    });

    it("refuses another tenant's cursor, even for a connection to the same Stripe customer", async () => {
      const other = await createTenantWithKey(world.test);
      await createConnection(world.test, other.tenantId, CONNECTION_BODIES.stripe);
      const foreign = (await list({ limit: 5 }, bearer(other.apiKey)).expect(200)).body.nextCursor;
      await expectCursorRejected(await list({ limit: 5, cursor: foreign }));
      await expectCursorRejected(await list({ limit: 5, cursor }, bearer(other.apiKey)));
    });
  });

  it('validates limit and status', async () => {
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ status: 'PAID' }, 'status'],
    ] as const) {
      const problem = expectProblem(await list(query), 400, 'validation-failed');
      expect(problem.errors!.map((e) => e.field)).toContain(field);
    }
  });
});
