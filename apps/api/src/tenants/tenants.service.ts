import { Injectable } from '@nestjs/common';
import { Tenant } from '@prisma/client';
import { Signer } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { isRecordNotFound, isUniqueViolation, PrismaService } from '@app/persistence';
import { PollSchedules } from '@app/queue';
import { CacheInvalidation } from '@app/redis';
import { AuditService, changedFields } from '../audit/audit.service';
import { IdCursor, PageQueryDto } from '../common/pagination';
import { CreateTenantDto, TenantDto, UpdateTenantDto } from './tenant.dto';

export interface Actor {
  actor: string;
  requestId?: string;
}

@Injectable()
export class TenantsService {
  private readonly cursor: IdCursor;

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    signer: Signer,
    private readonly invalidation: CacheInvalidation,
    private readonly schedules: PollSchedules,
  ) {
    this.cursor = new IdCursor(signer, 'tenants');
  }

  async create(dto: CreateTenantDto, by: Actor): Promise<TenantDto> {
    const tenant = await this.uniqueSlug(dto.slug, () =>
      this.prisma.$transaction(async (tx) => {
        const created = await tx.tenant.create({
          data: { name: dto.name, slug: dto.slug, allowedReturnOrigins: dto.allowedReturnOrigins ?? [] },
        });
        await this.audit.record(
          {
            ...by,
            action: 'tenant.created',
            tenantId: created.id,
            targetType: 'tenant',
            targetId: created.id,
          },
          tx,
        );
        return created;
      }),
    );
    return this.map(tenant);
  }

  async list(query: PageQueryDto) {
    const after = this.cursor.decode(query.cursor);
    const rows = await this.prisma.tenant.findMany({
      where: after ? { id: { gt: after } } : undefined,
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return this.cursor.page(rows, query.limit, (row) => this.map(row));
  }

  async get(tenantId: string): Promise<TenantDto> {
    const tenant = await this.prisma.tenant.findUnique({ where: { id: tenantId } });
    if (!tenant) throw GatewayError.notFound('Tenant', tenantId);
    return this.map(tenant);
  }

  async update(tenantId: string, dto: UpdateTenantDto, by: Actor): Promise<TenantDto> {
    const tenant = await this.uniqueSlug(dto.slug, () =>
      this.prisma.$transaction(async (tx) => {
        const updated = await tx.tenant
          .update({ where: { id: tenantId }, data: dto })
          .catch((error: unknown) => {
            throw isRecordNotFound(error) ? GatewayError.notFound('Tenant', tenantId) : error;
          });
        await this.audit.record(
          {
            ...by,
            action: 'tenant.updated',
            tenantId,
            targetType: 'tenant',
            targetId: tenantId,
            metadata: { fields: changedFields(dto) },
          },
          tx,
        );
        return updated;
      }),
    );
    // Cached API keys carry the tenant's slug and allowed return origins.
    await this.invalidation.tenantChanged(tenantId);
    return this.map(tenant);
  }

  /**
   * Cascades to the tenant's API keys and connections (foreign keys), so its keys stop at once;
   * its connections' poll schedules go right after the commit (a failure there is healed by the
   * worker's reconciliation).
   */
  async remove(tenantId: string, by: Actor): Promise<void> {
    const connectionIds = await this.prisma.$transaction(async (tx) => {
      const connections = await tx.providerConnection.findMany({ where: { tenantId }, select: { id: true } });
      const { count } = await tx.tenant.deleteMany({ where: { id: tenantId } });
      if (count === 0) throw GatewayError.notFound('Tenant', tenantId);
      await this.audit.record(
        { ...by, action: 'tenant.deleted', tenantId, targetType: 'tenant', targetId: tenantId },
        tx,
      );
      return connections.map((connection) => connection.id);
    });
    await this.invalidation.tenantChanged(tenantId);
    for (const id of connectionIds) {
      await this.schedules.bestEffort('delete', id, () => this.schedules.remove(id));
    }
  }

  private async uniqueSlug<T>(slug: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'slug'))
        throw GatewayError.conflict(`A tenant with slug "${slug}" already exists.`);
      throw error;
    }
  }

  private map(tenant: Tenant): TenantDto {
    return {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      allowedReturnOrigins: tenant.allowedReturnOrigins,
      createdAt: tenant.createdAt.toISOString(),
      updatedAt: tenant.updatedAt.toISOString(),
    };
  }
}
