import { executeBound } from '@seatkeeper/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@seatkeeper/contracts';

/**
 * The `outbox` and `outbox_entity_seq` tables. Raw set-based SQL on purpose: the writer and the
 * relay are measured hot paths (a batch of 1,000 records writes thousands of events in two
 * statements, one JSON parameter each, so no 65,535-parameter ceiling), and these tables live in
 * every service's schema without being mapped as entities. The policy (validation, envelopes,
 * ordering, publishing) stays in `outbox.writer.ts` and `outbox.relay.ts`.
 */

export interface EntitySeqReservation {
  entityKey: string;
  /** How many sequence numbers to reserve. */
  count: number;
}

/** A committed, unpublished row the relay has claimed. */
export interface ClaimedOutboxRow {
  /** bigint, as text. */
  id: string;
  eventId: string;
  subject: string;
  /** The envelope's JSON text, as it was written and is published. */
  envelope: string;
}

/**
 * Advances each entity's counter by its count and returns the counter afterwards, per key. The
 * rows stay locked until the transaction ends; give the keys sorted, so they are locked in order.
 */
export async function advanceEntitySeqs(em: EntityManager, reservations: readonly EntitySeqReservation[]): Promise<Map<string, number>> {
  if (reservations.length === 0) return new Map();
  const rows = await executeBound<{ entity_key: string; last_seq: string }[]>(
    em,
    `insert into outbox_entity_seq (entity_key, last_seq)
     select k, n from jsonb_to_recordset(?::jsonb) as x(k text, n bigint) order by k
     on conflict (entity_key) do update set last_seq = outbox_entity_seq.last_seq + excluded.last_seq
     returning entity_key, last_seq`,
    [JSON.stringify(reservations.map((r) => ({ k: r.entityKey, n: r.count })))],
  );
  return new Map(rows.map((r) => [r.entity_key, Number(r.last_seq)]));
}

/** Inserts the events in the given order (ids follow it), in one statement. */
export async function insertOutboxRows(em: EntityManager, envelopes: readonly EventEnvelope<object>[]): Promise<void> {
  if (envelopes.length === 0) return;
  await executeBound(
    em,
    `insert into outbox (event_id, subject, envelope, entity_key)
     select event_id, subject, envelope, entity_key
     from jsonb_to_recordset(?::jsonb) as x(event_id uuid, subject text, envelope text, entity_key text, ord int)
     order by ord`,
    [
      // Each envelope travels as a JSON string and is stored as that text: Postgres reads a string,
      // not an object it would build a tree of (a page event holds ~100 KB of records).
      JSON.stringify(
        envelopes.map((e, ord) => ({ event_id: e.id, subject: e.type, envelope: JSON.stringify(e), entity_key: e.entityKey ?? null, ord })),
      ),
    ],
  );
}

/** Claims up to `limit` unpublished rows, oldest first, skipping those another relay holds. */
export async function claimUnpublished(tx: EntityManager, limit: number): Promise<ClaimedOutboxRow[]> {
  const rows = await tx.execute<{ id: string; event_id: string; subject: string; envelope: string }[]>(
    `select id, event_id, subject, envelope from outbox
     where published_at is null order by id limit ? for update skip locked`,
    [limit],
  );
  return rows.map((r) => ({ id: String(r.id), eventId: r.event_id, subject: r.subject, envelope: r.envelope }));
}

export async function markPublished(tx: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // One array bind parameter (pg sends it as bigint[]): one statement text whatever the batch size.
  await executeBound(tx, 'update outbox set published_at = now(), attempts = attempts + 1 where id = any(?::bigint[])', [ids]);
}

/** Deletes rows published more than `retentionMs` ago. */
export async function purgePublished(em: EntityManager, retentionMs: number): Promise<void> {
  await em.execute(
    `delete from outbox where published_at is not null and published_at < now() - (? || ' milliseconds')::interval`,
    [String(retentionMs)],
  );
}
