import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvoiceStatus } from '@app/providers';
import { CachedQueryDto } from '../common/cached-read';
import { LinkDto, MoneyDto, ResourceOriginDto } from '../common/resource.dto';

const MONEY = { type: MoneyDto, nullable: true };
const NULLABLE_TIME = {
  type: String,
  format: 'date-time',
  nullable: true,
  example: '2026-11-01T00:00:00.000Z',
};

export class InvoiceDto extends ResourceOriginDto {
  @ApiProperty({ description: 'Invoice id at the provider.', example: 'in_1NqK2bLkdIwHu7ix' })
  id: string;

  @ApiProperty({
    description: 'Human-facing invoice number.',
    type: String,
    nullable: true,
    example: 'ACME-0042',
  })
  number: string | null;

  @ApiProperty({
    description: 'Normalized status.',
    enum: InvoiceStatus,
    enumName: 'InvoiceStatus',
    example: InvoiceStatus.Paid,
  })
  status: InvoiceStatus;

  @ApiProperty({
    description: "The provider's own status value, raw.",
    type: String,
    nullable: true,
    example: 'paid',
  })
  providerStatus: string | null;

  @ApiProperty({ description: 'Invoice total.', ...MONEY })
  total: MoneyDto | null;

  @ApiProperty({ description: 'Amount still due.', ...MONEY })
  amountDue: MoneyDto | null;

  @ApiProperty({ description: 'Amount paid.', ...MONEY })
  amountPaid: MoneyDto | null;

  @ApiProperty({ description: 'Creation time (ISO 8601 UTC).', ...NULLABLE_TIME })
  createdAt: string | null;

  @ApiProperty({
    description: 'Start of the billed period (ISO 8601 UTC).',
    ...NULLABLE_TIME,
    example: '2026-10-01T00:00:00.000Z',
  })
  periodStart: string | null;

  @ApiProperty({ description: 'End of the billed period (ISO 8601 UTC).', ...NULLABLE_TIME })
  periodEnd: string | null;

  @ApiProperty({
    description: "The provider's hosted invoice page.",
    type: String,
    nullable: true,
    example: 'https://invoice.stripe.com/i/acct_1MrnZs/test_YWNjdF8x',
  })
  hostedUrl: string | null;
}

export class InvoicePageDto {
  @ApiProperty({
    description: 'Invoices of this page, newest first as the provider orders them.',
    type: [InvoiceDto],
  })
  data: InvoiceDto[];

  @ApiProperty({
    description:
      'Signed cursor for the next page (pass as `cursor` with the same connection and status); null on the last page.',
    type: String,
    nullable: true,
    example: null,
  })
  nextCursor: string | null;

  @ApiProperty({ description: 'Whether more invoices follow.', example: false })
  hasMore: boolean;
}

export class ListInvoicesQueryDto extends CachedQueryDto {
  @ApiPropertyOptional({ description: 'Page size.', type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    description:
      "Opaque cursor from the previous page's `nextCursor`; only valid with the same connection and status.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Only invoices with this normalized status.',
    enum: InvoiceStatus,
    enumName: 'InvoiceStatus',
  })
  @IsOptional()
  @IsEnum(InvoiceStatus, { message: `status must be one of: ${Object.values(InvoiceStatus).join(', ')}` })
  status?: InvoiceStatus;
}

export class InvoicePdfDto extends LinkDto {}
