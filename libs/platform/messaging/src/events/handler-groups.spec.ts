import { handlerGroups } from './handler-groups';

type E = { entity: string; type: string; n: number };
const e = (n: number, entity: string, type: string): E => ({ n, entity, type });
const plan = (events: E[]) =>
  handlerGroups(events, (x) => x.entity, (x) => x.type).map((segment) => [...segment].map(([type, xs]) => `${type}:${xs.map((x) => x.n).join(',')}`));

describe('handlerGroups', () => {
  it('gathers alternating events of different entities into one group per handler', () => {
    const events = [e(1, 'p1', 'person'), e(2, 's1', 'saas'), e(3, 'p2', 'person'), e(4, 's2', 'saas'), e(5, 'p3', 'person')];
    expect(plan(events)).toEqual([['person:1,3,5', 'saas:2,4']]);
  });

  it('keeps one entity in order: a second handler for it starts a new segment', () => {
    const events = [e(1, 'a', 'created'), e(2, 'b', 'created'), e(3, 'a', 'updated'), e(4, 'c', 'created'), e(5, 'a', 'created')];
    expect(plan(events)).toEqual([['created:1,2'], ['updated:3', 'created:4'], ['created:5']]);
  });

  it('lets one entity have several events in one handler group, in order', () => {
    expect(plan([e(1, 'a', 'updated'), e(2, 'b', 'deleted'), e(3, 'a', 'updated')])).toEqual([['updated:1,3', 'deleted:2']]);
  });

  it('applies every event exactly once, each entity in stream order', () => {
    const types = ['x', 'y', 'z'];
    const events = Array.from({ length: 300 }, (_, n) => e(n, `k${(n * 7) % 13}`, types[(n * 5) % 3] as string));
    const applied = handlerGroups(events, (x) => x.entity, (x) => x.type).flatMap((segment) => [...segment.values()].flat());
    expect(applied.map((x) => x.n).sort((a, b) => a - b)).toEqual(events.map((x) => x.n));
    for (const k of new Set(events.map((x) => x.entity))) {
      const order = applied.filter((x) => x.entity === k).map((x) => x.n);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('gives nothing for nothing', () => {
    expect(handlerGroups([], (x: E) => x.entity, (x) => x.type)).toEqual([]);
  });
});
