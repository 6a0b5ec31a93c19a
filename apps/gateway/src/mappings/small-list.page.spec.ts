import { pageOfAll } from './small-list.page';

describe(pageOfAll.name, () => {
  const items = ['c', 'a', 'e', 'b', 'd'].map((key) => ({ key }));

  it('serves the whole list in key order, page by page, ending with a null cursor', () => {
    const first = pageOfAll(items, (i) => i.key, { limit: 2 });
    expect(first.data.map((i) => i.key)).toEqual(['a', 'b']);
    const second = pageOfAll(items, (i) => i.key, { limit: 2, cursor: first.next_cursor ?? undefined });
    expect(second.data.map((i) => i.key)).toEqual(['c', 'd']);
    const last = pageOfAll(items, (i) => i.key, { limit: 2, cursor: second.next_cursor ?? undefined });
    expect(last).toEqual({ data: [{ key: 'e' }], next_cursor: null });
  });

  it('refuses a cursor it did not make (400 naming cursor)', () => {
    expect(() => pageOfAll(items, (i) => i.key, { cursor: 'bm9wZQ' })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
