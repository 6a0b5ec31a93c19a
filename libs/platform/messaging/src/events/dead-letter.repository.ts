import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The `dead_letter` table. Raw SQL because the table lives in every service's schema (created by
 * `messagingTablesSql`) and no service maps it as an entity; what to record is `DeadLetterStore`'s.
 */

export interface DeadLetterEntry {
  consumer: string;
  eventId: string | null;
  subject: string;
  streamSeq: number | null;
  deliveries: number;
  reason: string;
  error: string | null;
  payload: string;
}

export interface DeadLetterRow extends DeadLetterEntry {
  id: string;
  createdAt: Date;
}

export interface DeadLetterFilter {
  consumer?: string;
  limit?: number;
}

interface DeadLetterRecord {
  id: string | number;
  consumer: string;
  event_id: string | null;
  subject: string;
  stream_seq: string | number | null;
  deliveries: string | number;
  reason: string;
  error: string | null;
  payload: string;
  created_at: string | Date;
}

export async function insertDeadLetter(em: EntityManager, entry: DeadLetterEntry): Promise<void> {
  await em.execute(
    `insert into dead_letter (consumer, event_id, subject, stream_seq, deliveries, reason, error, payload)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [entry.consumer, entry.eventId, entry.subject, entry.streamSeq, entry.deliveries, entry.reason, entry.error, entry.payload],
  );
}

/** Newest first; all consumers unless one is named; 100 rows unless told. */
export async function findDeadLetters(em: EntityManager, filter: DeadLetterFilter = {}): Promise<DeadLetterRow[]> {
  const rows = await em.execute<DeadLetterRecord[]>(
    `select id, consumer, event_id, subject, stream_seq, deliveries, reason, error, payload, created_at
     from dead_letter where (?::text is null or consumer = ?) order by id desc limit ?`,
    [filter.consumer ?? null, filter.consumer ?? null, filter.limit ?? 100],
  );
  return rows.map((r) => ({
    id: String(r.id),
    consumer: r.consumer,
    eventId: r.event_id ?? null,
    subject: r.subject,
    streamSeq: r.stream_seq === null ? null : Number(r.stream_seq),
    deliveries: Number(r.deliveries),
    reason: r.reason,
    error: r.error ?? null,
    payload: r.payload,
    createdAt: new Date(r.created_at),
  }));
}
