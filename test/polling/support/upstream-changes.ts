import { invoiceObject } from '../../fakes/stripe-fake-objects';
import { addSubscription, STRIPE_FAKE, type StripeFakeState } from '../../fakes/stripe-fake';

/**
 * Changes made "at the provider" between polls, through the fakes' state, as a customer or the
 * provider's own billing run would make them.
 */
export const stripeChanges = (state: StripeFakeState) => ({
  /** Re-issues the invoice with another status (amounts and transitions follow, as at Stripe). */
  setInvoiceStatus(id: string, status: string): void {
    const index = state.invoices.findIndex((invoice) => invoice.id === id);
    const old = state.invoices[index]!;
    state.invoices[index] = invoiceObject({
      id,
      customer: old.customer as string,
      status,
      number: old.number as string | null,
      total: old.total as number,
      created: old.created as number,
      currency: old.currency as string,
    });
  },

  /** A new invoice, newest of all. */
  addInvoice(id: string): void {
    const newest = Math.max(...state.invoices.map((invoice) => invoice.created as number));
    state.invoices.unshift(
      invoiceObject({
        id,
        customer: STRIPE_FAKE.customerId,
        status: 'open',
        number: `NEW-${id}`,
        total: 12_300,
        created: newest + 3_600,
      }),
    );
  },

  addSubscription(id: string): void {
    addSubscription(state, {
      id,
      customer: STRIPE_FAKE.customerId,
      status: 'active',
      price: STRIPE_FAKE.prices.pro,
      quantity: 2,
      ageDays: 0,
    });
  },

  cancelSubscription(id: string): void {
    Object.assign(state.subscriptions.get(id)!, { status: 'canceled', canceled_at: 1_700_100_000 });
  },

  setCustomerEmail(email: string): void {
    Object.assign(state.customers.get(STRIPE_FAKE.customerId)!, { email });
  },
});
