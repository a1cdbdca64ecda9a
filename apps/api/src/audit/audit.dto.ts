import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only events of this tenant.', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Event id.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Who acted: an admin key fingerprint.', example: 'admin:3f2a9c1b0d4e' })
  actor: string;

  @ApiProperty({ description: 'What happened.', example: 'connection.updated' })
  action: string;

  @ApiProperty({ description: 'Tenant concerned.', format: 'uuid', nullable: true, type: String })
  tenantId: string | null;

  @ApiProperty({ description: 'Kind of object acted on.', example: 'connection' })
  targetType: string;

  @ApiProperty({ description: 'Id of the object acted on.', nullable: true, type: String })
  targetId: string | null;

  @ApiProperty({
    description: 'Non-secret context, e.g. which fields changed.',
    example: { fields: ['credentials'] },
  })
  metadata: Record<string, unknown>;

  @ApiProperty({ description: 'Request id of the change.', nullable: true, type: String })
  requestId: string | null;

  @ApiProperty({ description: 'When, ISO 8601 UTC.', example: '2026-11-21T09:30:00.000Z' })
  createdAt: string;
}
