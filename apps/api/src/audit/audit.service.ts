import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '@app/persistence';

export interface AuditEntry {
  actor: string;
  action: string;
  tenantId?: string | null;
  targetType: 'tenant' | 'api_key' | 'connection';
  targetId?: string | null;
  /** Non-secret context only, e.g. which fields changed. */
  metadata?: Record<string, unknown>;
  requestId?: string;
}

/** Fields a PATCH set: DTO instances also carry the declared fields it left out, as undefined. */
export const changedFields = (dto: object): string[] =>
  Object.entries(dto).flatMap(([field, value]) => (value === undefined ? [] : [field]));

type Db = Pick<PrismaService, 'auditEvent'> | Prisma.TransactionClient;

@Injectable()
export class AuditService {
  constructor(private readonly prisma: PrismaService) {}

  /** Records an entry; pass the transaction client so the entry commits with the change. */
  async record(entry: AuditEntry, db: Db = this.prisma): Promise<void> {
    await db.auditEvent.create({
      data: {
        actor: entry.actor,
        action: entry.action,
        tenantId: entry.tenantId ?? null,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        metadata: (entry.metadata ?? {}) as Prisma.InputJsonObject,
        requestId: entry.requestId ?? null,
      },
    });
  }
}
