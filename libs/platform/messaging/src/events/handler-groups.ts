/**
 * Orders a batch's admitted events for their handlers: each segment maps a handler to its events
 * (in stream order), and segments run one after another. Within a segment every entity appears
 * with one handler only, so running the handlers' groups one after another keeps each entity's
 * events in order, while events of *different* entities — which the consumer never promised to
 * order (they are spread over lanes) — gather in one group even when they alternate in the
 * stream. That alternation is the normal case: a first sync writes `person.created` and
 * `saas_user.created` per record, and grouping only consecutive events gave a set-based handler
 * runs of a few events instead of the batch.
 */
export function handlerGroups<E, H>(events: readonly E[], entityOf: (e: E) => string, handlerOf: (e: E) => H): Map<H, E[]>[] {
  const segments: Map<H, E[]>[] = [];
  let groups = new Map<H, E[]>();
  let handlerOfEntity = new Map<string, H>();
  for (const e of events) {
    const entity = entityOf(e);
    const handler = handlerOf(e);
    const earlier = handlerOfEntity.get(entity);
    if (earlier !== undefined && earlier !== handler) {
      // This entity's earlier event belongs to another group of this segment: it must run first.
      segments.push(groups);
      groups = new Map();
      handlerOfEntity = new Map();
    }
    handlerOfEntity.set(entity, handler);
    const group = groups.get(handler);
    if (group) group.push(e);
    else groups.set(handler, [e]);
  }
  if (groups.size) segments.push(groups);
  return segments;
}
