import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class QoveryAccount {
  @ApiProperty({
    description: 'Qovery organization id.',
    format: 'uuid',
    example: '5e0a9b3c-2f5d-4a5e-9d8e-1f2a3b4c5d6e',
  })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;
}
