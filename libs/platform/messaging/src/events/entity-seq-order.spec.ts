import { inEntitySeqOrder } from './entity-seq-order';

type Item = { id: string; key?: string; seq?: number };
const entity = (i: Item) => (i.key && i.seq ? { key: i.key, seq: i.seq } : null);

describe('inEntitySeqOrder', () => {
  it("puts one entity's events in seq order in the places they held", () => {
    const items: Item[] = [
      { id: 'a2', key: 'a', seq: 2 },
      { id: 'x', key: 'b', seq: 1 },
      { id: 'a1', key: 'a', seq: 1 },
      { id: 'plain' },
      { id: 'a3', key: 'a', seq: 3 },
    ];
    expect(inEntitySeqOrder(items, entity).map((i) => i.id)).toEqual(['a1', 'x', 'a2', 'plain', 'a3']);
  });

  it('leaves a batch already in order as it is', () => {
    const items: Item[] = [{ id: 'a1', key: 'a', seq: 1 }, { id: 'b1', key: 'b', seq: 1 }, { id: 'a2', key: 'a', seq: 2 }];
    expect(inEntitySeqOrder(items, entity)).toEqual(items);
  });
});
