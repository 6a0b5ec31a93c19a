import type { PendingEvent } from './pending-event';

/**
 * Which events of one `addAll` call to validate in full against their contract class.
 *
 * A service builds its outbox payloads itself, and one call's events of one type come from one
 * code path (a page of 100 records gives 200 person and SaaS-user snapshots of two shapes), so
 * validating each of them with class-validator (about a millisecond apiece on a loaded 2-core
 * machine; 20,000 a 10,000-user first sync) checks the same builder again and again. The first
 * event of each type and shape is validated in full, where the shape is the payload's keys and
 * each value's JSON type (null apart): a missing, extra or renamed field, or a string turned
 * number or null, is a new shape and is validated in full too. What this gives up — a bad value
 * of the right type (a malformed UUID), or inside a nested object, in a later event — is caught
 * where it matters: every consumer validates every event in full before applying it, and
 * dead-letters an invalid one with its reason.
 */
export function eventsToValidate(events: readonly PendingEvent[]): PendingEvent[] {
  const seen = new Set<string>();
  const chosen: PendingEvent[] = [];
  for (const e of events) {
    const shape = `${e.definition.subject}\u0000${shapeOf(e.data)}`;
    if (seen.has(shape)) continue;
    seen.add(shape);
    chosen.push(e);
  }
  return chosen;
}

/** The payload's keys, each with its value's JSON type. */
function shapeOf(data: object): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    parts.push(value === null ? `${key}=null` : Array.isArray(value) ? `${key}[]` : `${key}:${typeof value}`);
  }
  return parts.sort().join(',');
}
