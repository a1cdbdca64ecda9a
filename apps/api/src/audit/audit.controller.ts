import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEvent } from '@prisma/client';
import { AdminAuth } from '@app/auth';
import { Signer } from '@app/crypto';
import { ApiProblems } from '@app/errors';
import { PrismaService } from '@app/persistence';
import { IdCursor, pageOf } from '../common/pagination';
import { AuditEventDto, AuditQueryDto } from './audit.dto';

const AuditEventPage = pageOf(AuditEventDto);

@ApiTags('Admin: audit')
@AdminAuth()
@Controller('admin/audit-events')
export class AuditController {
  private readonly cursor: IdCursor;

  constructor(
    private readonly prisma: PrismaService,
    signer: Signer,
  ) {
    this.cursor = new IdCursor(signer, 'audit-events');
  }

  @Get()
  @ApiOperation({ summary: 'List audit events (oldest first), optionally for one tenant' })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems(400)
  async listAuditEvents(@Query() query: AuditQueryDto) {
    const after = this.cursor.decode(query.cursor);
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(query.tenantId ? { tenantId: query.tenantId } : {}),
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return this.cursor.page(rows, query.limit, (row) => this.map(row));
  }

  private map(row: AuditEvent): AuditEventDto {
    return {
      ...row,
      metadata: row.metadata as Record<string, unknown>,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
