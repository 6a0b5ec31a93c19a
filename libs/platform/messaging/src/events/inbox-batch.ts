import { executeBound } from '@seatkeeper/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@seatkeeper/contracts';

/** `wait`: an earlier event of the same entity has not been applied yet (the caller naks it and the entity's later ones). */
export type BatchVerdict = 'apply' | 'duplicate' | 'stale' | 'wait';

export interface BatchItem {
  envelope: EventEnvelope;
  streamSeq: number | null;
  /** The event waited long enough for its predecessor: apply it anyway. */
  gapWaitOver: boolean;
}

/**
 * `admitToInbox` for a pulled batch, in the caller's transaction, in a fixed number of statements
 * whatever the batch size: one read of the inbox and the entities' cursors, one multi-row inbox
 * insert, one cursor upsert. Verdicts follow the batch's (stream) order, so two events of one
 * entity in the same batch are judged one after the other, exactly as one at a time would.
 * If another replica admitted one of these events meanwhile the insert finds fewer rows than it
 * wrote and this throws: the caller rolls back and falls back to one at a time.
 */
export async function admitBatchToInbox(em: EntityManager, consumer: string, items: readonly BatchItem[]): Promise<BatchVerdict[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.envelope.id);
  const keys = [...new Set(items.flatMap((i) => (i.envelope.entityKey && i.envelope.entitySeq ? [i.envelope.entityKey] : [])))];
  const seen = await executeBound<{ event_id: string }[]>(
    em,
    'select event_id from inbox where consumer = ? and event_id = any(array(select (jsonb_array_elements_text(?::jsonb))::uuid))',
    [consumer, JSON.stringify(ids)],
  );
  const cursors =
    keys.length === 0
      ? []
      : await executeBound<{ entity_key: string; last_seq: string }[]>(
          em,
          `select entity_key, last_seq from inbox_entity_cursor
           where consumer = ? and entity_key = any(array(select jsonb_array_elements_text(?::jsonb))) order by entity_key for update`,
          [consumer, JSON.stringify(keys)],
        );
  const duplicate = new Set(seen.map((r) => r.event_id));
  const last = new Map(cursors.map((r) => [r.entity_key, Number(r.last_seq)]));
  const waiting = new Set<string>();
  const verdicts: BatchVerdict[] = [];
  const admitted: { e: string; s: string; q: number | null }[] = [];
  const inBatch = new Set<string>();
  for (const item of items) {
    const { id, entityKey, entitySeq, type } = item.envelope;
    if (duplicate.has(id) || inBatch.has(id)) {
      verdicts.push('duplicate');
      continue;
    }
    if (entityKey && entitySeq) {
      const at = last.get(entityKey) ?? 0;
      if (waiting.has(entityKey) || (entitySeq > at + 1 && !item.gapWaitOver)) {
        // Its predecessor is missing: it waits, and so does every later event of the entity.
        waiting.add(entityKey);
        verdicts.push('wait');
        continue;
      }
      if (entitySeq <= at) verdicts.push('stale');
      else {
        last.set(entityKey, entitySeq);
        verdicts.push('apply');
      }
    } else verdicts.push('apply');
    inBatch.add(id);
    admitted.push({ e: id, s: type, q: item.streamSeq });
  }
  if (admitted.length > 0) {
    const inserted = await executeBound<{ event_id: string }[]>(
      em,
      `insert into inbox (consumer, event_id, subject, stream_seq)
       select ?, x.e, x.s, x.q from jsonb_to_recordset(?::jsonb) as x(e uuid, s text, q bigint)
       on conflict do nothing returning event_id`,
      [consumer, JSON.stringify(admitted)],
    );
    if (inserted.length !== admitted.length) throw new Error('inbox race: another consumer admitted an event of this batch');
  }
  const moved = keys.filter((k) => last.has(k)).map((k) => ({ k, s: last.get(k) as number }));
  if (moved.length > 0) {
    await executeBound(
      em,
      `insert into inbox_entity_cursor (consumer, entity_key, last_seq)
       select ?, x.k, x.s from jsonb_to_recordset(?::jsonb) as x(k text, s bigint)
       on conflict (consumer, entity_key) do update set last_seq = excluded.last_seq`,
      [consumer, JSON.stringify(moved)],
    );
  }
  return verdicts;
}
