import { Injectable } from '@nestjs/common';
import { Signer } from '@app/crypto';
import { Capability, Invoice, ResolvedConnection } from '@app/providers';
import { normalizeInvoice } from '@app/queue';
import { BillingGateway } from '../common/billing-gateway';
import { CachedReads } from '../common/cached-read';
import { isoOrNull, originOf } from '../common/normalize';
import { InvoiceCursorCodec, SNAPSHOT_INVOICE_CURSOR } from './invoice-cursor';
import { InvoiceDto, InvoicePageDto, InvoicePdfDto, ListInvoicesQueryDto } from './invoice.dto';

@Injectable()
export class InvoicesService {
  private readonly cursors: InvoiceCursorCodec;
  private readonly snapshotCursors: InvoiceCursorCodec;

  constructor(
    private readonly gateway: BillingGateway,
    private readonly cachedReads: CachedReads,
    signer: Signer,
  ) {
    this.cursors = new InvoiceCursorCodec(signer);
    this.snapshotCursors = new InvoiceCursorCodec(signer, SNAPSHOT_INVOICE_CURSOR);
  }

  async list(tenantId: string, query: ListInvoicesQueryDto): Promise<InvoicePageDto> {
    const resolved = await this.gateway.connect(tenantId, query.connectionId, [Capability.ListInvoices]);
    // Bound to the resolved connection, so a cursor from another tenant's listing never decodes.
    const listing = { connectionId: resolved.connection.id, status: query.status };
    const providerCursor = this.cursors.decode(listing, query.cursor);
    const page = await resolved.adapter.listInvoices!(resolved.call, {
      limit: query.limit,
      ...(providerCursor !== undefined ? { cursor: providerCursor } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    const hasMore = page.hasMore && page.nextCursor !== null;
    return {
      data: page.data.map((invoice) => this.map(invoice, resolved)),
      nextCursor: hasMore ? this.cursors.encode(listing, page.nextCursor!) : null,
      hasMore,
    };
  }

  /** The invoices as the last poll saw them (its most recent POLL_INVOICE_LIMIT), paged by offset. */
  async cachedList(
    tenantId: string,
    query: ListInvoicesQueryDto,
    onAge: (observedAt: Date) => void,
  ): Promise<InvoicePageDto> {
    const resolved = await this.gateway.connect(tenantId, query.connectionId, [Capability.ListInvoices]);
    const listing = { connectionId: resolved.connection.id, status: query.status };
    const offset = Number(this.snapshotCursors.decode(listing, query.cursor) ?? 0);
    const page = await this.cachedReads.page<InvoiceDto>(resolved, 'invoice', onAge, {
      offset,
      limit: query.limit,
      status: query.status,
    });
    return {
      data: page.data,
      nextCursor: page.hasMore
        ? this.snapshotCursors.encode(listing, String(offset + page.data.length))
        : null,
      hasMore: page.hasMore,
    };
  }

  async get(tenantId: string, id: string, connectionId?: string): Promise<InvoiceDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetInvoice]);
    return this.map(await resolved.adapter.getInvoice!(resolved.call, id), resolved);
  }

  async pdf(tenantId: string, id: string, connectionId?: string): Promise<InvoicePdfDto> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [Capability.GetInvoicePdfLink]);
    const link = await resolved.adapter.getInvoicePdfLink!(resolved.call, id);
    return { url: link.url, ...originOf(resolved), expiresAt: isoOrNull(link.expiresAt) };
  }

  private map(invoice: Invoice, resolved: ResolvedConnection): InvoiceDto {
    return normalizeInvoice(invoice, originOf(resolved));
  }
}
