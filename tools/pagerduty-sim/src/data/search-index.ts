import { deriveNameEmail } from './seed';
import type { UserStore } from './user-store';

/** Bound on cached query results; a partitioned sweep walks one query at a time, so a few suffice. */
const MAX_CACHED_QUERIES = 32;

/**
 * Answers `GET /users?query=` without materialising every user per request. The connector
 * enumerates big accounts with `<c>@` partitions (100-user pages each), so the old
 * scan-and-derive-everything filter made a sweep O(N²/100).
 *
 * Two layers, both built lazily (an account nobody queries pays nothing, so the 1M-users RSS
 * figure is unchanged):
 * - `haystacks[index]`: lower-cased `name\nemail` per user index; a changed user's slot is cleared
 *   by the store's change listener and rebuilt on next use (no whole-index rebuild on a PATCH).
 * - matched indices per query string, dropped whenever the store version moves, so paging through
 *   one partition costs one scan of short strings, then O(limit) per page.
 */
export class SearchIndex {
  private haystacks: Array<string | undefined> = [];
  private readonly results = new Map<string, Int32Array>();
  private resultsVersion = -1;

  constructor(private readonly store: UserStore) {
    store.onChange((index) => {
      if (index < this.haystacks.length) this.haystacks[index] = undefined;
    });
  }

  /** User indices, in listing order, whose name or email contains `q` (already lower-cased). */
  match(q: string): Int32Array {
    if (this.resultsVersion !== this.store.version) {
      this.results.clear();
      this.resultsVersion = this.store.version;
    }
    const hit = this.results.get(q);
    if (hit) return hit;
    const out: number[] = [];
    const { store } = this;
    for (let p = 0; p < store.count; p++) {
      const index = store.indexAt(p);
      if (this.haystack(index).includes(q)) out.push(index);
    }
    const matches = Int32Array.from(out);
    if (this.results.size >= MAX_CACHED_QUERIES) {
      const oldest = this.results.keys().next();
      if (!oldest.done) this.results.delete(oldest.value);
    }
    this.results.set(q, matches);
    return matches;
  }

  private haystack(index: number): string {
    const cached = this.haystacks[index];
    if (cached !== undefined) return cached;
    const { store } = this;
    let text: string;
    if (index < store.spec.users && !store.hasOverride(index)) {
      // Seeded user untouched: name and email straight from the seed, no full record.
      const { name, email } = deriveNameEmail(store.spec, index);
      text = `${name}\n${email}`.toLowerCase();
    } else {
      const r = store.get(index);
      text = r ? `${r.name}\n${r.email}`.toLowerCase() : '';
    }
    this.haystacks[index] = text;
    return text;
  }
}
