/**
 * A pulled batch with each entity's events put in entity-seq order, in the places that entity's
 * events already hold (other entities' events do not move). JetStream redelivers naked messages
 * in no promised order: an entity's event 2 may come back ahead of its event 1 in one batch, and
 * judged in that order both would wait until event 2's wait ran out and event 1 became stale.
 */
export function inEntitySeqOrder<T>(items: readonly T[], entity: (item: T) => { key?: string; seq?: number }): T[] {
  const slots = new Map<string, number[]>();
  items.forEach((item, i) => {
    const { key, seq } = entity(item);
    if (!key || !seq) return;
    const at = slots.get(key);
    if (at) at.push(i);
    else slots.set(key, [i]);
  });
  const ordered = [...items];
  for (const at of slots.values()) {
    if (at.length < 2) continue;
    const sorted = at.map((i) => items[i] as T).sort((a, b) => (entity(a).seq as number) - (entity(b).seq as number));
    at.forEach((slot, j) => (ordered[slot] = sorted[j] as T));
  }
  return ordered;
}
