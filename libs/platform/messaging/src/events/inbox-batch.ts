import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@seatkeeper/contracts';
import { sequencedEntity } from './inbox';
import { findAdmittedEventIds, insertInboxRows, lockEntityCursors, saveEntityCursors, type InboxRow } from './inbox.repository';

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
 * As in `admitToInbox`, an event about an entity is deduplicated by the entity's cursor alone
 * and gets no inbox row.
 * If another replica admitted one of these events meanwhile, the insert or the cursor upsert
 * finds fewer rows than it wrote and this throws: the caller rolls back and falls back to one at
 * a time.
 */
export async function admitBatchToInbox(em: EntityManager, consumer: string, items: readonly BatchItem[]): Promise<BatchVerdict[]> {
  if (items.length === 0) return [];
  const entities = items.map((i) => sequencedEntity(i.envelope));
  const keys = [...new Set(entities.flatMap((e) => (e ? [e.key] : [])))];
  const unsequenced = items.filter((_, n) => !entities[n]).map((i) => i.envelope.id);
  const duplicate = unsequenced.length > 0 ? await findAdmittedEventIds(em, consumer, unsequenced) : new Set<string>();
  const last = await lockEntityCursors(em, consumer, keys);
  const waiting = new Set<string>();
  const moved = new Set<string>();
  const admitted: InboxRow[] = [];
  const byCursor = ({ key, seq }: { key: string; seq: number }, gapWaitOver: boolean): BatchVerdict => {
    const at = last.get(key) ?? 0;
    if (waiting.has(key) || (seq > at + 1 && !gapWaitOver)) {
      // Its predecessor is missing: it waits, and so does every later event of the entity.
      waiting.add(key);
      return 'wait';
    }
    if (seq <= at) return 'stale';
    last.set(key, seq);
    moved.add(key);
    return 'apply';
  };
  const byInbox = ({ envelope, streamSeq }: BatchItem): BatchVerdict => {
    if (duplicate.has(envelope.id)) return 'duplicate';
    duplicate.add(envelope.id); // a second copy in this batch is a duplicate too
    admitted.push({ eventId: envelope.id, subject: envelope.type, streamSeq });
    return 'apply';
  };
  const verdicts = items.map((item, n) => {
    const entity = entities[n];
    return entity ? byCursor(entity, item.gapWaitOver) : byInbox(item);
  });
  if (admitted.length > 0) {
    const inserted = await insertInboxRows(em, consumer, admitted);
    if (inserted !== admitted.length) throw new Error('inbox race: another consumer admitted an event of this batch');
  }
  const cursors = [...moved].map((k) => ({ entityKey: k, lastSeq: last.get(k) as number }));
  const advanced = await saveEntityCursors(em, consumer, cursors);
  if (advanced !== cursors.length) throw new Error('inbox race: another consumer moved an entity cursor of this batch');
  return verdicts;
}
