import { ErrorType, GatewayError } from '@app/errors';
import { paginateInMemory } from './in-memory-pagination';

const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const idOf = (item: { id: string }) => item.id;

describe('paginateInMemory', () => {
  it('walks the list page by page with the last id as cursor', () => {
    const first = paginateInMemory(items, idOf, { limit: 2 });
    expect(first).toEqual({ data: [{ id: 'a' }, { id: 'b' }], hasMore: true, nextCursor: 'b' });
    const second = paginateInMemory(items, idOf, { limit: 2, cursor: 'b' });
    expect(second).toEqual({ data: [{ id: 'c' }, { id: 'd' }], hasMore: true, nextCursor: 'd' });
    const last = paginateInMemory(items, idOf, { limit: 2, cursor: 'd' });
    expect(last).toEqual({ data: [{ id: 'e' }], hasMore: false, nextCursor: null });
  });

  it('ends exactly on a full page without a further cursor', () => {
    expect(paginateInMemory(items, idOf, { limit: 5 })).toEqual({
      data: items,
      hasMore: false,
      nextCursor: null,
    });
    expect(paginateInMemory([], idOf, { limit: 5 })).toEqual({ data: [], hasMore: false, nextCursor: null });
  });

  it('rejects a cursor that names no item, on the cursor field', () => {
    let error: unknown;
    try {
      paginateInMemory(items, idOf, { limit: 2, cursor: 'zz' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).type).toBe(ErrorType.ValidationFailed);
    expect((error as GatewayError).status).toBe(400);
    expect((error as GatewayError).options.errors).toEqual([
      { field: 'cursor', message: expect.any(String) },
    ]);
  });
});
