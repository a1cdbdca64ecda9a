import {
  eventsFor,
  fieldChanges,
  observedResource,
  type Observation,
  pendingChanges,
  snapshotKey,
} from './resource-diff';

const origin = { provider: 'stripe', connectionId: '0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f' };
const invoice = (status: string, extra: Record<string, unknown> = {}) => ({
  ...origin,
  id: 'in_1',
  status,
  total: { amount: 4900, currency: 'USD' },
  amountPaid: null,
  ...extra,
});

describe('fieldChanges', () => {
  it('lists only the fields that differ, nested values compared whatever their key order', () => {
    const before = { ...invoice('open'), total: { currency: 'USD', amount: 4900 } };
    const after = invoice('paid', { amountPaid: { amount: 4900, currency: 'USD' } });
    expect(fieldChanges(before, after)).toEqual({
      status: { before: 'open', after: 'paid' },
      amountPaid: { before: null, after: { amount: 4900, currency: 'USD' } },
    });
  });

  it('ignores where the resource came from, and treats a missing field as null', () => {
    expect(fieldChanges({ ...invoice('open'), connectionId: 'other' }, invoice('open'))).toEqual({});
    expect(fieldChanges({ id: 'x', number: null }, { id: 'x' })).toEqual({});
  });
});

describe('eventsFor', () => {
  it('names invoice changes by whether the status changed', () => {
    expect(eventsFor('invoice', invoice('open'), invoice('paid'))).toEqual([
      {
        type: 'invoice.status_changed',
        resourceType: 'invoice',
        resourceId: 'in_1',
        changes: { status: { before: 'open', after: 'paid' } },
        data: invoice('paid'),
      },
    ]);
    expect(eventsFor('invoice', invoice('open'), invoice('open', { number: 'A-1' }))[0]).toMatchObject({
      type: 'invoice.updated',
      changes: { number: { before: null, after: 'A-1' } },
    });
    expect(eventsFor('invoice', invoice('open'), invoice('open'))).toEqual([]);
  });

  it('reports new subscriptions and invoices as created, with no changes', () => {
    expect(eventsFor('subscription', undefined, { id: 'sub_1' })).toMatchObject([
      { type: 'subscription.created', resourceId: 'sub_1', changes: null },
    ]);
    expect(eventsFor('invoice', undefined, invoice('draft'))[0]!.type).toBe('invoice.created');
    expect(eventsFor('billing_account', undefined, { id: 'cus_1' })).toEqual([]);
  });

  it('tells a cancellation from other subscription changes', () => {
    const active = { id: 'sub_1', status: 'active', seats: 3 };
    expect(eventsFor('subscription', active, { ...active, status: 'canceled' })[0]!.type).toBe(
      'subscription.canceled',
    );
    expect(eventsFor('subscription', active, { ...active, seats: 4 })[0]!.type).toBe('subscription.updated');
  });

  it('splits billing account changes into status and other fields', () => {
    const before = { id: 'cus_1', email: 'a@x', plan: 'TEAM', status: 'active', billingEnabled: true };
    const after = { ...before, email: 'b@x', billingEnabled: false };
    expect(
      eventsFor('billing_account', before, after).map(({ type, changes }) => ({ type, changes })),
    ).toEqual([
      { type: 'billing_account.updated', changes: { email: { before: 'a@x', after: 'b@x' } } },
      { type: 'billing_status.changed', changes: { billingEnabled: { before: true, after: false } } },
    ]);
  });
});

describe('pendingChanges', () => {
  const resource = (type: 'subscription' | 'invoice', id: string, status: string) =>
    observedResource(type, id, { id, status });

  it('finds new and changed resources by hash, and gone ones only in complete listings', () => {
    const kept = resource('subscription', 'sub_1', 'active');
    const changed = resource('invoice', 'in_1', 'paid');
    const added = resource('invoice', 'in_2', 'open');
    const stored = new Map([
      [snapshotKey('subscription', 'sub_1'), kept.hash],
      [snapshotKey('subscription', 'sub_gone'), 'h1'],
      [snapshotKey('invoice', 'in_1'), resource('invoice', 'in_1', 'open').hash],
      [snapshotKey('invoice', 'in_old'), 'h2'],
    ]);
    const observation: Observation = {
      resources: [kept, changed, added],
      types: ['subscription', 'invoice'],
      complete: ['subscription'],
    };
    expect(pendingChanges(observation, stored)).toEqual({
      changed: [changed, added],
      removed: [snapshotKey('subscription', 'sub_gone')],
    });
  });
});
