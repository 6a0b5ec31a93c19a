import { SearchIndex } from './search-index';
import { UserStore } from './user-store';

const spec = { seed: 7, users: 2_000, referenceTime: Date.UTC(2026, 0, 1), subdomain: 'acme' };

function bruteForce(store: UserStore, q: string): number[] {
  const out: number[] = [];
  for (const r of store.records()) if (r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q)) out.push(r.index);
  return out;
}

describe(SearchIndex.name, () => {
  it('matches exactly what a scan of the materialised records matches, in listing order', () => {
    const store = new UserStore(spec);
    const index = new SearchIndex(store);
    for (const q of ['7@', 'ada', 'a.b', 'zhang.', '@acme', 'nobody-has-this']) {
      expect([...index.match(q)]).toEqual(bruteForce(store, q));
    }
  });

  it('follows updates, additions and deletions made after a query was answered', () => {
    const store = new UserStore(spec);
    const index = new SearchIndex(store);
    const before = [...index.match('7@')];
    expect(before.length).toBeGreaterThan(0);
    const removed = before[0] as number;
    store.remove(removed);
    store.update(1, { email: 'renamed-17@acme.example.com' });
    const { index: _i, id: _id, ...fields } = store.get(2) as NonNullable<ReturnType<UserStore['get']>>;
    const added = store.add({ ...fields, name: 'New Person', email: 'new.person.x7@acme.example.com' });
    const after = [...index.match('7@')];
    expect(after).not.toContain(removed);
    expect(after).toContain(1);
    expect(after).toContain(added.index);
    expect(after).toEqual(bruteForce(store, '7@'));
  });
});
