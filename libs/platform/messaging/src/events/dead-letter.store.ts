import type { EntityManager } from '@mikro-orm/postgresql';

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

/** Messages that will not be retried, with why; queryable by consumer, newest first. */
export class DeadLetterStore {
  async record(em: EntityManager, entry: DeadLetterEntry): Promise<void> {
    await em.execute(
      `insert into dead_letter (consumer, event_id, subject, stream_seq, deliveries, reason, error, payload)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.consumer,
        entry.eventId,
        entry.subject,
        entry.streamSeq,
        entry.deliveries,
        entry.reason.slice(0, 4000),
        entry.error?.slice(0, 4000) ?? null,
        entry.payload.slice(0, 1_000_000),
      ],
    );
  }

  async list(em: EntityManager, filter: { consumer?: string; limit?: number } = {}): Promise<DeadLetterRow[]> {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select id, consumer, event_id, subject, stream_seq, deliveries, reason, error, payload, created_at
       from dead_letter where (?::text is null or consumer = ?) order by id desc limit ?`,
      [filter.consumer ?? null, filter.consumer ?? null, filter.limit ?? 100],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      consumer: r['consumer'] as string,
      eventId: (r['event_id'] as string | null) ?? null,
      subject: r['subject'] as string,
      streamSeq: r['stream_seq'] === null ? null : Number(r['stream_seq']),
      deliveries: Number(r['deliveries']),
      reason: r['reason'] as string,
      error: (r['error'] as string | null) ?? null,
      payload: r['payload'] as string,
      createdAt: new Date(r['created_at'] as string),
    }));
  }
}
