import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

const CONNECTION_ID_DOC = {
  description:
    "Connection to act on; the tenant's primary connection when omitted. Another tenant's connection " +
    'is 404, exactly like one that does not exist.',
  format: 'uuid',
  example: '0193a1f2-7c4e-7b1a-9f3e-2d4c5b6a7e8f',
};

/** Query of read routes: which of the tenant's connections to read from. */
export class ConnectionQueryDto {
  @ApiPropertyOptional(CONNECTION_ID_DOC)
  @IsOptional()
  @IsUUID('all', { message: 'connectionId must be a UUID' })
  connectionId?: string;
}

/** Base of write bodies: which of the tenant's connections to act on. */
export class ConnectionBodyDto {
  @ApiPropertyOptional(CONNECTION_ID_DOC)
  @IsOptional()
  @IsUUID('all', { message: 'connectionId must be a UUID' })
  connectionId?: string;
}
