import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import { type BillingProvider, Capability, type ProviderCall, type ResourceOrigin } from '@app/providers';
import {
  ACCOUNT_RESOURCE_ID,
  normalizeBillingAccount,
  normalizeInvoice,
  normalizeSubscription,
  type ResourceType,
} from '@app/queue';
import { type Observation, observedResource } from './resource-diff';

/** Largest page the normalized invoice listing serves; polls read up to POLL_INVOICE_LIMIT in such pages. */
const INVOICE_PAGE_MAX = 100;

/** The connection a poll reads: its adapter and call, and the origin its resources carry. */
export interface PollTarget {
  adapter: BillingProvider;
  call: ProviderCall;
  origin: ResourceOrigin;
}

interface Listing {
  items: Array<{ id: string; data: object }>;
  complete: boolean;
}

/**
 * Reads what a poll compares, through the same adapters and normalize functions as the live
 * routes: the billing account, the subscriptions and the most recent invoices, each only when the
 * provider supports it. Reads run one after the other: a provider that rate-limits the first read
 * is not sent the others.
 */
@Injectable()
export class ResourceReader {
  private readonly logger = new Logger(ResourceReader.name);
  private readonly reads: Array<{
    type: ResourceType;
    capability: Capability;
    read: (target: PollTarget) => Promise<Listing>;
  }>;

  constructor(private readonly config: AppConfig) {
    this.reads = [
      { type: 'billing_account', capability: Capability.GetBillingAccount, read: (r) => this.account(r) },
      { type: 'subscription', capability: Capability.ListSubscriptions, read: (r) => this.subscriptions(r) },
      { type: 'invoice', capability: Capability.ListInvoices, read: (r) => this.invoices(r) },
    ];
  }

  async read(target: PollTarget): Promise<Observation> {
    const observation: Observation = { resources: [], types: [], complete: [] };
    for (const { type, capability, read } of this.reads) {
      if (!target.adapter.supports(capability)) continue;
      let listing: Listing;
      try {
        listing = await read(target);
      } catch (error) {
        // A connection lacking a setting this read needs (e.g. Ampersand without orgId) is polled
        // for the rest; the live route reports the problem to whoever asks for this resource.
        if (error instanceof GatewayError && error.type === ErrorType.ConnectionMisconfigured) {
          this.logger.debug({ connectionId: target.call.connectionId, type }, 'Not polled: misconfigured');
          continue;
        }
        throw error;
      }
      observation.types.push(type);
      if (listing.complete) observation.complete.push(type);
      for (const { id, data } of listing.items)
        observation.resources.push(observedResource(type, id, data as Record<string, unknown>));
    }
    return observation;
  }

  private async account({ adapter, call, origin }: PollTarget): Promise<Listing> {
    const data = normalizeBillingAccount(await adapter.getBillingAccount!(call), origin);
    return { items: [{ id: ACCOUNT_RESOURCE_ID, data }], complete: true };
  }

  private async subscriptions({ adapter, call, origin }: PollTarget): Promise<Listing> {
    const subscriptions = await adapter.listSubscriptions!(call);
    const items = subscriptions.map((s) => ({ id: s.id, data: normalizeSubscription(s, origin) }));
    return { items, complete: true };
  }

  /** Newest first, up to POLL_INVOICE_LIMIT; complete only when the listing ended within it. */
  private async invoices({ adapter, call, origin }: PollTarget): Promise<Listing> {
    const items: Listing['items'] = [];
    let cursor: string | undefined;
    for (;;) {
      const limit = Math.min(INVOICE_PAGE_MAX, this.config.POLL_INVOICE_LIMIT - items.length);
      const page = await adapter.listInvoices!(call, {
        limit,
        ...(cursor ? { cursor } : {}),
      });
      items.push(
        ...page.data.map((invoice) => ({ id: invoice.id, data: normalizeInvoice(invoice, origin) })),
      );
      const more = page.hasMore && page.nextCursor !== null;
      if (!more) return { items, complete: true };
      if (items.length >= this.config.POLL_INVOICE_LIMIT) return { items, complete: false };
      cursor = page.nextCursor!;
    }
  }
}
