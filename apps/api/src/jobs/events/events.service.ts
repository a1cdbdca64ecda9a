import { Injectable } from '@nestjs/common';
import type { BillingEvent } from '@prisma/client';
import { Signer } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { PrismaService } from '@app/persistence';
import type { BillingEventType, ResourceType } from '@app/queue';
import type { BillingEventDto, BillingEventPageDto, EventQueryDto } from './event.dto';

const PURPOSE = 'cursor:events';

/**
 * The tenant's change feed: events in id order after a cursor. Ids are a sequence whose values
 * commit in order within a tenant (the worker serializes event inserts per tenant), so a reader
 * that continues after the last id it saw can neither skip nor repeat an event. Cursors are
 * signed and bound to the tenant: another tenant's cursor is a 400, not a peek at positions.
 */
@Injectable()
export class EventFeed {
  constructor(
    private readonly prisma: PrismaService,
    private readonly signer: Signer,
  ) {}

  async page(tenantId: string, query: EventQueryDto): Promise<BillingEventPageDto> {
    const after = this.decode(tenantId, query.after);
    const rows = await this.prisma.billingEvent.findMany({
      where: { tenantId, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const hasMore = rows.length > query.limit;
    const data = rows.slice(0, query.limit).map((row) => this.map(row));
    return { data, hasMore, nextCursor: data.at(-1)?.cursor ?? this.encode(tenantId, after) };
  }

  private map(row: BillingEvent): BillingEventDto {
    return {
      id: row.id.toString(),
      cursor: this.encode(row.tenantId, row.id),
      type: row.type as BillingEventType,
      occurredAt: row.occurredAt.toISOString(),
      connectionId: row.connectionId,
      provider: row.provider,
      resourceType: row.resourceType as ResourceType,
      resourceId: row.resourceId,
      changes: row.changes as BillingEventDto['changes'],
      data: row.data as Record<string, unknown>,
    };
  }

  private encode(tenantId: string, id: bigint): string {
    return this.signer.sign(PURPOSE, { t: tenantId, s: id.toString() });
  }

  private decode(tenantId: string, cursor: string | undefined): bigint {
    if (!cursor) return 0n;
    const payload = this.signer.verify<{ t?: unknown; s?: unknown }>(PURPOSE, cursor);
    if (!payload || typeof payload.s !== 'string' || !/^\d{1,19}$/.test(payload.s)) {
      throw GatewayError.validation([{ field: 'after', message: 'after is not a cursor of this feed' }]);
    }
    if (payload.t !== tenantId) {
      throw GatewayError.validation([{ field: 'after', message: "after is another tenant's cursor" }]);
    }
    return BigInt(payload.s);
  }
}
