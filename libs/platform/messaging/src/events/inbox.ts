import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@seatkeeper/contracts';
import { OutOfOrderError } from '../errors';

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
  const inserted = await em.execute<{ event_id: string }[]>(
    `insert into inbox (consumer, event_id, subject, stream_seq) values (?, ?, ?, ?)
     on conflict do nothing returning event_id`,
    [consumer, envelope.id, envelope.type, streamSeq],
  );
  if (inserted.length === 0) return 'duplicate';
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
  const rows = await em.execute<{ last_seq: string }[]>(
    'select last_seq from inbox_entity_cursor where consumer = ? and entity_key = ? for update',
    [consumer, entityKey],
  );
  const last = rows[0] ? Number(rows[0].last_seq) : 0;
  if (seq <= last) return 'stale';
  if (seq > last + 1 && !gapWaitOver) throw new OutOfOrderError(entityKey, last + 1, seq);
  await em.execute(
    `insert into inbox_entity_cursor (consumer, entity_key, last_seq) values (?, ?, ?)
     on conflict (consumer, entity_key) do update set last_seq = excluded.last_seq`,
    [consumer, entityKey, seq],
  );
  return 'apply';
}
