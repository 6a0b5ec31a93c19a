import { executeBound } from '@seatkeeper/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The `inbox` and `inbox_entity_cursor` tables, in the caller's transaction. Raw SQL on purpose:
 * these tables live in every service's schema (created by `messagingTablesSql`) and no service
 * maps them as entities; the batched statements are a measured hot path (one JSON parameter per
 * batch, sent as a bind parameter). The verdicts are decided by `inbox.ts` / `inbox-batch.ts`.
 */

export interface InboxRow {
  eventId: string;
  subject: string;
  streamSeq: number | null;
}

export interface EntityCursor {
  entityKey: string;
  lastSeq: number;
}

/** Inserts (consumer, event id); false when it was already there (the event already took effect). */
export async function insertInboxRow(em: EntityManager, consumer: string, row: InboxRow): Promise<boolean> {
  const inserted = await em.execute<{ event_id: string }[]>(
    `insert into inbox (consumer, event_id, subject, stream_seq) values (?, ?, ?, ?)
     on conflict do nothing returning event_id`,
    [consumer, row.eventId, row.subject, row.streamSeq],
  );
  return inserted.length > 0;
}

/** The consumer's cursor for one entity (0 when it has none), locked until the transaction ends. */
export async function lockEntityCursor(em: EntityManager, consumer: string, entityKey: string): Promise<number> {
  const rows = await em.execute<{ last_seq: string }[]>(
    'select last_seq from inbox_entity_cursor where consumer = ? and entity_key = ? for update',
    [consumer, entityKey],
  );
  return rows[0] ? Number(rows[0].last_seq) : 0;
}

/**
 * Moves the cursor forward; false when it was already at or past `lastSeq` — another replica
 * applied the event between this transaction's read and its write (the insert waited for it).
 */
export async function saveEntityCursor(em: EntityManager, consumer: string, cursor: EntityCursor): Promise<boolean> {
  const moved = await em.execute<{ entity_key: string }[]>(
    `insert into inbox_entity_cursor (consumer, entity_key, last_seq) values (?, ?, ?)
     on conflict (consumer, entity_key) do update set last_seq = excluded.last_seq
     where inbox_entity_cursor.last_seq < excluded.last_seq returning entity_key`,
    [consumer, cursor.entityKey, cursor.lastSeq],
  );
  return moved.length > 0;
}

/** Which of these event ids the consumer has already admitted. */
export async function findAdmittedEventIds(em: EntityManager, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  const seen = await executeBound<{ event_id: string }[]>(
    em,
    'select event_id from inbox where consumer = ? and event_id = any(array(select (jsonb_array_elements_text(?::jsonb))::uuid))',
    [consumer, JSON.stringify(eventIds)],
  );
  return new Set(seen.map((r) => r.event_id));
}

/** The consumer's cursors for these entities (absent: none yet), locked in key order (no deadlock). */
export async function lockEntityCursors(em: EntityManager, consumer: string, entityKeys: readonly string[]): Promise<Map<string, number>> {
  if (entityKeys.length === 0) return new Map();
  const cursors = await executeBound<{ entity_key: string; last_seq: string }[]>(
    em,
    `select entity_key, last_seq from inbox_entity_cursor
     where consumer = ? and entity_key = any(array(select jsonb_array_elements_text(?::jsonb))) order by entity_key for update`,
    [consumer, JSON.stringify(entityKeys)],
  );
  return new Map(cursors.map((r) => [r.entity_key, Number(r.last_seq)]));
}

/** One multi-row insert; returns how many rows it inserted (fewer than given: another replica was first). */
export async function insertInboxRows(em: EntityManager, consumer: string, rows: readonly InboxRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await executeBound<{ event_id: string }[]>(
    em,
    `insert into inbox (consumer, event_id, subject, stream_seq)
     select ?, x.e, x.s, x.q from jsonb_to_recordset(?::jsonb) as x(e uuid, s text, q bigint)
     on conflict do nothing returning event_id`,
    [consumer, JSON.stringify(rows.map((r) => ({ e: r.eventId, s: r.subject, q: r.streamSeq })))],
  );
  return inserted.length;
}

/** One multi-row cursor upsert, forward only; returns how many cursors it moved (fewer: a race, as in saveEntityCursor). */
export async function saveEntityCursors(em: EntityManager, consumer: string, cursors: readonly EntityCursor[]): Promise<number> {
  if (cursors.length === 0) return 0;
  const moved = await executeBound<{ entity_key: string }[]>(
    em,
    `insert into inbox_entity_cursor (consumer, entity_key, last_seq)
     select ?, x.k, x.s from jsonb_to_recordset(?::jsonb) as x(k text, s bigint)
     on conflict (consumer, entity_key) do update set last_seq = excluded.last_seq
     where inbox_entity_cursor.last_seq < excluded.last_seq returning entity_key`,
    [consumer, JSON.stringify(cursors.map((c) => ({ k: c.entityKey, s: c.lastSeq })))],
  );
  return moved.length;
}
