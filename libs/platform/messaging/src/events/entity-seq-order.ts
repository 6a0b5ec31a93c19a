/**
 * A pulled batch with each entity's events put in entity-seq order, in the places that entity's
 * events already hold (other entities' events do not move). JetStream redelivers naked messages
 * in no promised order: an entity's event 2 may come back ahead of its event 1 in one batch, and
 * judged in that order both would wait until event 2's wait ran out and event 1 became stale.
 */
export function inEntitySeqOrder<T>(items: readonly T[], entity: (item: T) => { key: string; seq: number } | null): T[] {
  const slots = new Map<string, number[]>();
  const seqs = items.map((item, i) => {
    const e = entity(item);
    if (!e) return 0;
    const at = slots.get(e.key);
    if (at) at.push(i);
    else slots.set(e.key, [i]);
    return e.seq;
  });
  const ordered = [...items];
  for (const at of slots.values()) {
    if (at.length < 2) continue;
    const sorted = [...at].sort((a, b) => (seqs[a] as number) - (seqs[b] as number));
    at.forEach((slot, j) => (ordered[slot] = items[sorted[j] as number] as T));
  }
  return ordered;
}
