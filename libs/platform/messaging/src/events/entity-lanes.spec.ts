import { EntityLanes, laneOf } from './entity-lanes';

interface Item {
  key: string;
  n: number;
  bytes: number;
}

describe('EntityLanes', () => {
  const lanes = () => new EntityLanes<Item>(4, { items: 100, bytes: 10_000 }, (i) => i.key, (i) => i.bytes);

  it('keeps one entity in one lane, in the order pushed', async () => {
    const l = lanes();
    for (let n = 0; n < 10; n++) await l.push({ key: n % 2 ? 'a' : 'b', n, bytes: 1 });
    const lane = laneOf('a', 4);
    const got = (await l.take(lane, 100, 10_000)) ?? [];
    expect(got.filter((i) => i.key === 'a').map((i) => i.n)).toEqual([1, 3, 5, 7, 9]);
  });

  it('takes at most max items and about maxBytes, but always at least one', async () => {
    const l = lanes();
    for (let n = 0; n < 5; n++) await l.push({ key: 'k', n, bytes: 400 });
    const lane = laneOf('k', 4);
    expect((await l.take(lane, 2, 10_000))?.map((i) => i.n)).toEqual([0, 1]);
    expect((await l.take(lane, 10, 500))?.map((i) => i.n)).toEqual([2]);
    expect((await l.take(lane, 10, 1))?.map((i) => i.n)).toEqual([3]);
  });

  it('gives a waiting taker the whole burst pushed in the same turn, not just its first item', async () => {
    const l = lanes();
    const lane = laneOf('k', 4);
    const taken = l.take(lane, 100, 10_000);
    // A pull loop delivering one read from the socket: every push resolves in microtasks of one turn.
    void (async () => {
      for (let n = 0; n < 20; n++) await l.push({ key: 'k', n, bytes: 1 });
    })();
    expect((await taken)?.map((i) => i.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('makes a push wait while its lane is full, and ends takes once closed and drained', async () => {
    const l = new EntityLanes<Item>(1, { items: 1, bytes: 10_000 }, (i) => i.key, (i) => i.bytes);
    await l.push({ key: 'k', n: 0, bytes: 1 });
    let second = false;
    const pushed = l.push({ key: 'k', n: 1, bytes: 1 }).then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    expect((await l.take(0, 10, 10_000))?.map((i) => i.n)).toEqual([0]);
    await pushed;
    l.close();
    expect((await l.take(0, 10, 10_000))?.map((i) => i.n)).toEqual([1]);
    expect(await l.take(0, 10, 10_000)).toBeNull();
  });
});
