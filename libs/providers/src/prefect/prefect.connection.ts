import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class PrefectAccount {
  @ApiProperty({
    description: 'Prefect Cloud account id.',
    format: 'uuid',
    example: '9b2f7c1e-7d0a-4a35-8c1e-0e6f5a4b3c2d',
  })
  @IsUUID('all', { message: 'accountId must be a UUID' })
  accountId: string;
}
