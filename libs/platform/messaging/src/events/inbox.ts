import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@seatkeeper/contracts';
import { OutOfOrderError } from '../errors';
import { insertInboxRow, lockEntityCursor, saveEntityCursor } from './inbox.repository';

export type InboxVerdict = 'apply' | 'duplicate' | 'stale';

/**
 * The idempotent-consumer half of exactly-once effects: runs inside the handler's transaction.
 * - (consumer, event id) is inserted; a conflict means this event already took effect.
 * - For events about an entity, the consumer's cursor for that entity must be at seq-1. A later
 *   event waits (OutOfOrderError → short nak) for a while; an event at or below the cursor is
 *   stale: events carry the entity's state afterwards, so the newer one already said it all.
 */
export async function admitToInbox(
  em: EntityManager,
  consumer: string,
  envelope: EventEnvelope,
  streamSeq: number | null,
  gapWaitOver: boolean,
): Promise<InboxVerdict> {
  const inserted = await insertInboxRow(em, consumer, { eventId: envelope.id, subject: envelope.type, streamSeq });
  if (!inserted) return 'duplicate';
  if (!envelope.entityKey || !envelope.entitySeq) return 'apply';
  return advanceEntityCursor(em, consumer, envelope.entityKey, envelope.entitySeq, gapWaitOver);
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
  await saveEntityCursor(em, consumer, { entityKey, lastSeq: seq });
  return 'apply';
}
