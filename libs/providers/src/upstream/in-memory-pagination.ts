import { GatewayError } from '@app/errors';
import type { Page } from '../domain/models';

/**
 * Cursor pagination over a list a provider returns whole (no paging upstream). The list must be in
 * a stable order; the cursor is the id of the last item of the previous page. A cursor naming no
 * item of the list (removed since, or from another list/filter) is a 400 on `cursor`.
 */
export function paginateInMemory<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  query: { limit: number; cursor?: string },
): Page<T> {
  const limit = Math.max(1, Math.floor(query.limit));
  let start = 0;
  if (query.cursor !== undefined) {
    const index = items.findIndex((item) => idOf(item) === query.cursor);
    if (index < 0) {
      throw GatewayError.validation(
        [
          {
            field: 'cursor',
            message: 'does not point into this list (the item is gone or the filter changed)',
          },
        ],
        'The pagination cursor is no longer valid; start again from the first page.',
      );
    }
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  return { data, hasMore, nextCursor: hasMore ? idOf(data[data.length - 1]!) : null };
}
