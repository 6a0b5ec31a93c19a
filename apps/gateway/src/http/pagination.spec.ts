import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('pagination', () => {
  it('round-trips a cursor and rejects a forged one naming `cursor`', () => {
    const c = encodeCursor(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 2)).toEqual(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(decodeCursor(undefined, 2)).toBeUndefined();
    expect(() => decodeCursor('bm9wZQ', 2)).toThrow(BadRequestException);
    expect(() => decodeCursor(encodeCursor(['only-one']), 2)).toThrow(BadRequestException);
  });

  it('builds a page from limit + 1 rows', () => {
    const rows = [1, 2, 3];
    const full = toPage(rows, 2, (n) => [n], (n) => n * 10);
    expect(full.data).toEqual([10, 20]);
    expect(decodeCursor(full.next_cursor ?? undefined, 1)).toEqual([2]);
    expect(toPage([1, 2], 2, (n) => [n], (n) => n)).toEqual({ data: [1, 2], next_cursor: null });
  });
});
