import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Signer } from '@app/crypto';
import { GatewayError } from '@app/errors';

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`." })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Keyset pagination over uuid-v7 ids (time-ordered): the cursor is the last id seen, signed. */
export class IdCursor {
  constructor(
    private readonly signer: Signer,
    private readonly purpose: string,
  ) {}

  encode(lastId: string): string {
    return this.signer.sign(`cursor:${this.purpose}`, { after: lastId });
  }

  /** The id to continue after, or undefined for the first page; a forged cursor is a 400. */
  decode(cursor: string | undefined): string | undefined {
    if (!cursor) return undefined;
    const payload = this.signer.verify<{ after?: unknown }>(`cursor:${this.purpose}`, cursor);
    if (!payload || typeof payload.after !== 'string') {
      throw GatewayError.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
    }
    return payload.after;
  }

  /** Fetch `limit + 1` rows, then call this to build the page. */
  page<Row extends { id: string }, Out>(rows: Row[], limit: number, map: (row: Row) => Out) {
    const hasMore = rows.length > limit;
    const data = rows.slice(0, limit);
    return {
      data: data.map(map),
      hasMore,
      nextCursor: hasMore ? this.encode(data[data.length - 1]!.id) : null,
    };
  }
}

/** Builds the Swagger-visible page class for an item type. */
export function pageOf<T>(itemType: new () => T) {
  class Page {
    @ApiPropertyOptional({ description: 'Items of this page.', type: [itemType] })
    data: T[];

    @ApiPropertyOptional({ description: 'Whether more items follow.' })
    hasMore: boolean;

    @ApiPropertyOptional({
      description: 'Cursor for the next page; null on the last page.',
      type: String,
      nullable: true,
    })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${itemType.name.replace(/Dto$/, '')}Page` });
  return Page;
}
