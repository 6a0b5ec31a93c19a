import { inRounds } from './rounds';

describe('inRounds', () => {
  it('puts each key once per round and keeps each key in order', () => {
    const events = [
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
      { k: 'a', n: 3 },
      { k: 'c', n: 4 },
      { k: 'a', n: 5 },
      { k: 'b', n: 6 },
    ];
    const rounds = inRounds(events, (e) => e.k).map((r) => r.map((e) => e.n));
    expect(rounds).toEqual([[1, 2, 4], [3, 6], [5]]);
  });

  it('gives one round when every key is distinct, and none for nothing', () => {
    expect(inRounds(['x', 'y', 'z'], (s) => s)).toEqual([['x', 'y', 'z']]);
    expect(inRounds([], (s: string) => s)).toEqual([]);
  });
});
