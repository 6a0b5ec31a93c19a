import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@seatkeeper/contracts';
import { OutOfOrderError } from '../errors';
import { insertInboxRow, lockEntityCursor, saveEntityCursor } from './inbox.repository';

export type InboxVerdict = 'apply' | 'duplicate' | 'stale';

/** The entity an event is about and its place in that entity's order; null for an event about none. */
export function sequencedEntity(envelope: Pick<EventEnvelope, 'entityKey' | 'entitySeq'>): { key: string; seq: number } | null {
  return envelope.entityKey && envelope.entitySeq ? { key: envelope.entityKey, seq: envelope.entitySeq } : null;
}

/**
 * The idempotent-consumer half of exactly-once effects: runs inside the handler's transaction.
 * - For events about an entity (entity key and seq), the consumer's cursor for that entity must
 *   be at seq-1. A later event waits (OutOfOrderError → short nak) for a while; an event at or
 *   below the cursor is stale — already applied, or superseded: events carry the entity's state
 *   afterwards, so the newer one already said it all. The cursor is the whole record: such an
 *   event gets no inbox row (a first sync's 100,000 events would otherwise write two rows each).
 * - Any other event: (consumer, event id) is inserted; a conflict means it already took effect.
 */
export async function admitToInbox(
  em: EntityManager,
  consumer: string,
  envelope: EventEnvelope,
  streamSeq: number | null,
  gapWaitOver: boolean,
): Promise<InboxVerdict> {
  const entity = sequencedEntity(envelope);
  if (entity) return advanceEntityCursor(em, consumer, entity.key, entity.seq, gapWaitOver);
  const inserted = await insertInboxRow(em, consumer, { eventId: envelope.id, subject: envelope.type, streamSeq });
  return inserted ? 'apply' : 'duplicate';
}

export async function advanceEntityCursor(
  em: EntityManager,
  consumer: string,
  entityKey: string,
  seq: number,
  gapWaitOver: boolean,
): Promise<InboxVerdict> {
  const last = await lockEntityCursor(em, consumer, entityKey);
  if (seq <= last) return 'stale';
  if (seq > last + 1 && !gapWaitOver) throw new OutOfOrderError(entityKey, last + 1, seq);
  // Not moved: another replica applied it after our read (a transient error; the redelivery is stale).
  if (!(await saveEntityCursor(em, consumer, { entityKey, lastSeq: seq }))) throw new Error(`inbox race on ${entityKey}`);
  return 'apply';
}
