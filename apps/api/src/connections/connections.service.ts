import { Injectable } from '@nestjs/common';
import { Prisma, ProviderConnection } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import { GatewayError } from '@app/errors';
import { ConnectionCredentials, isUniqueViolation, PrismaService } from '@app/persistence';
import { ProviderRegistry } from '@app/providers';
import { PollSchedules } from '@app/queue';
import { CacheInvalidation } from '@app/redis';
import { AuditService, changedFields } from '../audit/audit.service';
import { Actor } from '../tenants/tenants.service';
import { ConnectionDto, CreateConnectionDto, UpdateConnectionDto } from './connection.dto';

type Tx = Prisma.TransactionClient;

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly registry: ProviderRegistry,
    private readonly credentials: ConnectionCredentials,
    private readonly audit: AuditService,
    private readonly invalidation: CacheInvalidation,
    private readonly schedules: PollSchedules,
  ) {}

  async create(tenantId: string, dto: CreateConnectionDto, by: Actor): Promise<ConnectionDto> {
    const credentials = this.registry.validateConnectionPart<{ apiKey: string }>(
      dto.provider,
      'credentials',
      dto.credentials,
    );
    const account = this.registry.validateConnectionPart(dto.provider, 'account', dto.account);
    const settings = this.registry.validateConnectionPart(dto.provider, 'settings', dto.settings);
    const id = randomUUID();
    const connection = await this.primaryConflictAsConflict(() =>
      this.prisma.$transaction(async (tx) => {
        await this.assertTenant(tx, tenantId);
        const existing = await tx.providerConnection.count({ where: { tenantId } });
        const isPrimary = dto.isPrimary ?? existing === 0;
        if (isPrimary) await this.clearPrimary(tx, tenantId);
        const created = await tx.providerConnection.create({
          data: {
            id,
            tenantId,
            provider: dto.provider,
            name: dto.name ?? this.registry.get(dto.provider).displayName,
            isPrimary,
            account: account as Prisma.InputJsonObject,
            settings: settings as Prisma.InputJsonObject,
            pollIntervalSeconds: dto.pollIntervalSeconds ?? null,
            ...this.credentials.seal(id, credentials),
          },
        });
        await this.audit.record(
          {
            ...by,
            action: 'connection.created',
            tenantId,
            targetType: 'connection',
            targetId: id,
            metadata: { provider: dto.provider, isPrimary },
          },
          tx,
        );
        return created;
      }),
    );
    // Cached connection resolutions (the primary may have changed) are dropped in every process.
    await this.invalidation.tenantChanged(tenantId);
    // Scheduled from now on, and polled once right away: the baseline (and cached reads) need
    // not wait up to a whole interval.
    await this.schedules.bestEffort('create', id, async () => {
      await this.schedules.upsert(connection);
      await this.schedules.requestPoll(connection);
    });
    return this.map(connection);
  }

  async list(tenantId: string): Promise<ConnectionDto[]> {
    await this.assertTenant(this.prisma, tenantId);
    const rows = await this.prisma.providerConnection.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => this.map(row));
  }

  async get(tenantId: string, connectionId: string): Promise<ConnectionDto> {
    return this.map(await this.find(this.prisma, tenantId, connectionId));
  }

  async update(
    tenantId: string,
    connectionId: string,
    dto: UpdateConnectionDto,
    by: Actor,
  ): Promise<ConnectionDto> {
    const updated = await this.primaryConflictAsConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const current = await this.find(tx, tenantId, connectionId);
        const data: Prisma.ProviderConnectionUpdateInput = {};
        if (dto.name !== undefined) data.name = dto.name;
        if (dto.account !== undefined) {
          data.account = this.registry.validateConnectionPart(
            current.provider,
            'account',
            dto.account,
          ) as Prisma.InputJsonObject;
        }
        if (dto.settings !== undefined) {
          data.settings = this.registry.validateConnectionPart(
            current.provider,
            'settings',
            dto.settings,
          ) as Prisma.InputJsonObject;
        }
        if (dto.credentials !== undefined) {
          const credentials = this.registry.validateConnectionPart<{ apiKey: string }>(
            current.provider,
            'credentials',
            dto.credentials,
          );
          Object.assign(data, this.credentials.seal(connectionId, credentials));
        }
        if (dto.isPrimary === true && !current.isPrimary) await this.clearPrimary(tx, tenantId);
        if (dto.isPrimary !== undefined) data.isPrimary = dto.isPrimary;
        if (dto.pollIntervalSeconds !== undefined) data.pollIntervalSeconds = dto.pollIntervalSeconds;
        const row = await tx.providerConnection.update({ where: { id: connectionId }, data });
        await this.audit.record(
          {
            ...by,
            action: 'connection.updated',
            tenantId,
            targetType: 'connection',
            targetId: connectionId,
            metadata: { fields: changedFields(dto) },
          },
          tx,
        );
        return row;
      }),
    );
    await this.invalidation.tenantChanged(tenantId);
    if (dto.pollIntervalSeconds !== undefined) {
      await this.schedules.bestEffort('update', connectionId, () => this.schedules.upsert(updated));
    }
    return this.map(updated);
  }

  async remove(tenantId: string, connectionId: string, by: Actor): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.providerConnection.deleteMany({ where: { id: connectionId, tenantId } });
      if (count === 0) throw GatewayError.notFound('Connection', connectionId);
      await this.audit.record(
        { ...by, action: 'connection.deleted', tenantId, targetType: 'connection', targetId: connectionId },
        tx,
      );
    });
    await this.invalidation.tenantChanged(tenantId);
    await this.schedules.bestEffort('delete', connectionId, () => this.schedules.remove(connectionId));
  }

  private async find(
    db: Tx | PrismaService,
    tenantId: string,
    connectionId: string,
  ): Promise<ProviderConnection> {
    const row = await db.providerConnection.findFirst({ where: { id: connectionId, tenantId } });
    if (!row) throw GatewayError.notFound('Connection', connectionId);
    return row;
  }

  private async assertTenant(db: Tx | PrismaService, tenantId: string): Promise<void> {
    const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!tenant) throw GatewayError.notFound('Tenant', tenantId);
  }

  private async clearPrimary(tx: Tx, tenantId: string): Promise<void> {
    await tx.providerConnection.updateMany({
      where: { tenantId, isPrimary: true },
      data: { isPrimary: false },
    });
  }

  /** Two concurrent "make primary" writes: the partial unique index lets one win, the other gets 409. */
  private async primaryConflictAsConflict<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error))
        throw GatewayError.conflict('Another connection became primary concurrently; retry.');
      throw error;
    }
  }

  private map(row: ProviderConnection): ConnectionDto {
    return {
      id: row.id,
      tenantId: row.tenantId,
      provider: row.provider,
      name: row.name,
      isPrimary: row.isPrimary,
      account: row.account as Record<string, unknown>,
      settings: row.settings as Record<string, unknown>,
      credentials: { apiKey: row.credentialsHint },
      pollIntervalSeconds: row.pollIntervalSeconds,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
