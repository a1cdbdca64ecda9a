import { STRIPE_FAKE } from '../fakes/stripe-fake';
import { adminAuth } from '../support/app';
import { expectProblem } from '../support/problem';
import { type FeedEvent, PollingStack, type PollingTenant } from './support/polling-stack';
import { stripeChanges } from './support/upstream-changes';

const summary = (events: FeedEvent[]) => events.map(({ type, resourceId }) => ({ type, resourceId }));

describe('change feed: upstream changes appear once, in order, after the next poll', () => {
  let stack: PollingStack;
  let tenant: PollingTenant;
  let stripe: ReturnType<typeof stripeChanges>;
  /** Where a consumer that has seen everything so far stands. */
  let cursor: string | undefined;

  beforeAll(async () => {
    stack = await PollingStack.start();
    await stack.startWorker();
    tenant = await stack.tenant(['stripe', 'qovery']);
    stripe = stripeChanges(stack.stripe.state);
    await stack.idle();
  });
  afterAll(() => PollingStack.shutdown(stack));

  /** The events since the last call, read as a consumer would. */
  const newEvents = async (who = tenant): Promise<FeedEvent[]> => {
    const { events, cursor: next } = await stack.drain(who, cursor);
    cursor = next;
    return events;
  };

  it('takes a baseline on the first poll (queued when the connection is created), without events', async () => {
    const status = await stack.test.http
      .get(`/admin/tenants/${tenant.tenantId}/connections/${tenant.connections.stripe}/poll`)
      .set(adminAuth)
      .expect(200);
    expect(status.body).toMatchObject({
      intervalSeconds: 86_400,
      scheduled: true,
      observedAt: expect.any(String),
      lastError: null,
      backoffUntil: null,
    });
    // Customer + its 3 subscriptions + 12 invoices; nothing new since the baseline.
    expect(await stack.poll(tenant, 'stripe')).toEqual({ outcome: 'polled', events: 0, resources: 16 });
    expect(await newEvents()).toEqual([]);
  });

  it('reports an invoice status change exactly once, with the fields that changed', async () => {
    stripe.setInvoiceStatus('in_Fake0002', 'paid');
    expect(await stack.poll(tenant, 'stripe')).toMatchObject({ outcome: 'polled', events: 1 });
    const [event, ...others] = await newEvents();
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      type: 'invoice.status_changed',
      connectionId: tenant.connections.stripe,
      provider: 'stripe',
      resourceType: 'invoice',
      resourceId: 'in_Fake0002',
      changes: {
        status: { before: 'open', after: 'paid' },
        providerStatus: { before: 'open', after: 'paid' },
        amountPaid: { before: { amount: 0, currency: 'USD' }, after: { amount: 1014, currency: 'USD' } },
      },
      data: { id: 'in_Fake0002', status: 'paid', connectionId: tenant.connections.stripe },
    });
    expect(Object.keys(event!.changes!)).not.toContain('total');
    // The event's data is the invoice exactly as the live route returns it.
    const live = await stack.test.http
      .get('/v1/invoices/in_Fake0002')
      .query({ connectionId: tenant.connections.stripe })
      .set(tenant.auth)
      .expect(200);
    expect(event!.data).toEqual(live.body);

    expect(await stack.poll(tenant, 'stripe')).toMatchObject({ events: 0 });
    expect(await newEvents()).toEqual([]);
  });

  it('reports new and canceled subscriptions and new invoices, in the order of one poll', async () => {
    stripe.addSubscription('sub_PolledNew01');
    stripe.cancelSubscription(STRIPE_FAKE.subscriptions.trialing);
    stripe.addInvoice('in_PolledNew01');
    expect(await stack.poll(tenant, 'stripe')).toMatchObject({ events: 3 });
    const events = await newEvents();
    expect(summary(events)).toEqual([
      { type: 'subscription.created', resourceId: 'sub_PolledNew01' },
      { type: 'subscription.canceled', resourceId: STRIPE_FAKE.subscriptions.trialing },
      { type: 'invoice.created', resourceId: 'in_PolledNew01' },
    ]);
    expect(events[0]).toMatchObject({ changes: null, data: { status: 'active', seats: 2 } });
    expect(events[1]!.changes).toMatchObject({ status: { before: 'trialing', after: 'canceled' } });
  });

  it('reports a Qovery plan change and billing status change, split by what changed', async () => {
    stack.qovery.state.plan = 'ENTERPRISE_2025';
    stack.qovery.state.billingStatus = { is_valid: false, message: 'Card expired' };
    expect(await stack.poll(tenant, 'qovery')).toMatchObject({ events: 3 });
    const events = await newEvents();
    expect(events.map(({ type, changes }) => ({ type, fields: Object.keys(changes!).sort() }))).toEqual([
      { type: 'billing_account.updated', fields: ['plan'] },
      { type: 'billing_status.changed', fields: expect.arrayContaining(['billingEnabled']) },
      { type: 'subscription.updated', fields: ['plan'] },
    ]);
    expect(events[1]!.changes!.billingEnabled).toEqual({ before: true, after: false });
    expect(events.every((event) => event.connectionId === tenant.connections.qovery)).toBe(true);
  });

  it('hands a consumer every event once, in order, across pages and later polls', async () => {
    const seen: FeedEvent[] = [];
    let page = await stack.events(tenant, { limit: 2 });
    seen.push(...page.data);
    while (page.hasMore) {
      page = await stack.events(tenant, { after: page.nextCursor, limit: 2 });
      seen.push(...page.data);
    }
    expect(seen).toHaveLength(7);
    const ids = seen.map((event) => BigInt(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);

    // Nothing new: the same position comes back, so a consumer can simply keep it.
    const empty = await stack.events(tenant, { after: page.nextCursor, limit: 2 });
    expect(empty).toEqual({ data: [], nextCursor: page.nextCursor, hasMore: false });

    stripe.setCustomerEmail('finance@fake.example');
    await stack.poll(tenant, 'stripe');
    const next = await stack.events(tenant, { after: page.nextCursor, limit: 2 });
    expect(summary(next.data)).toEqual([
      { type: 'billing_account.updated', resourceId: STRIPE_FAKE.customerId },
    ]);
    expect(next.data[0]!.changes).toEqual({
      email: { before: 'billing@fake.example', after: 'finance@fake.example' },
    });
    cursor = next.nextCursor;
  });

  it('reports a change once even when two polls of the connection run at the same time', async () => {
    stripe.setInvoiceStatus('in_Fake0007', 'paid');
    const jobs = await Promise.all([
      stack.requestPoll(tenant, 'stripe'),
      stack.requestPoll(tenant, 'stripe'),
    ]);
    const outcomes = await Promise.all(jobs.map((job) => stack.outcome(job)));
    expect(outcomes.map((outcome) => ('events' in outcome ? outcome.events : 0)).sort()).toEqual([0, 1]);
    expect(summary(await newEvents())).toEqual([
      { type: 'invoice.status_changed', resourceId: 'in_Fake0007' },
    ]);
  });

  it("keeps each tenant's events and cursors to itself", async () => {
    const other = await stack.tenant(['stripe']);
    await stack.idle();
    stripe.setInvoiceStatus('in_Fake0004', 'paid');
    await stack.poll(other, 'stripe');
    const theirs = await stack.drain(other);
    expect(summary(theirs.events)).toEqual([{ type: 'invoice.status_changed', resourceId: 'in_Fake0004' }]);
    expect(theirs.events[0]!.connectionId).toBe(other.connections.stripe);
    // The first tenant's connection has not been polled since: nothing new for it, none of theirs.
    expect(await newEvents()).toEqual([]);

    const foreign = await stack.test.http.get('/v1/events').query({ after: cursor }).set(other.auth);
    expect(expectProblem(foreign, 400, 'validation-failed').errors).toEqual([
      { field: 'after', message: "after is another tenant's cursor" },
    ]);
    const forged = await stack.test.http
      .get('/v1/events')
      .query({ after: `${cursor}x` })
      .set(other.auth);
    expectProblem(forged, 400, 'validation-failed');
  });
});
