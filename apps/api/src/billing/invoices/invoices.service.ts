import { Injectable } from '@nestjs/common';
import { Signer } from '@app/crypto';
import { Capability, Invoice, ResolvedConnection } from '@app/providers';
import { BillingGateway } from '../common/billing-gateway';
import { isoOrNull, moneyOrNull, originOf, orNull } from '../common/normalize';
import { InvoiceCursorCodec } from './invoice-cursor';
import { InvoiceDto, InvoicePageDto, InvoicePdfDto, ListInvoicesQueryDto } from './invoice.dto';

@Injectable()
export class InvoicesService {
  private readonly cursors: InvoiceCursorCodec;

  constructor(
    private readonly gateway: BillingGateway,
    signer: Signer,
  ) {
    this.cursors = new InvoiceCursorCodec(signer);
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
    return {
      ...originOf(resolved),
      id: invoice.id,
      number: orNull(invoice.number),
      status: invoice.status,
      providerStatus: orNull(invoice.providerStatus),
      total: moneyOrNull(invoice.total),
      amountDue: moneyOrNull(invoice.amountDue),
      amountPaid: moneyOrNull(invoice.amountPaid),
      createdAt: isoOrNull(invoice.createdAt),
      periodStart: isoOrNull(invoice.periodStart),
      periodEnd: isoOrNull(invoice.periodEnd),
      hostedUrl: orNull(invoice.hostedUrl),
    };
  }
}
