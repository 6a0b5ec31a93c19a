import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { QuarantinedRecordView } from '@seatkeeper/contracts';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { iso } from '../directory/rows';

export interface QuarantineEntry {
  record: Record<string, unknown>;
  reason: string;
}

/** JSON with sorted keys: a record read back from jsonb (which reorders keys) hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function contentKey(record: Record<string, unknown>): string {
  return `sha:${createHash('sha1').update(canonicalJson(record)).digest('hex')}`;
}

/** Identifies one vendor record across runs: its vendor id, else a hash of its content. */
export function recordKey(record: Record<string, unknown>): string {
  const id = record['id'];
  if (typeof id === 'string' || typeof id === 'number') return `id:${id}`;
  return contentKey(record);
}

interface QuarantineRow {
  id: string;
  integration_id: string;
  run_id: string | null;
  seq: number | null;
  record: Record<string, unknown>;
  reason: string;
  status: 'open' | 'resolved';
  attempts: number;
  created_at: Date;
  updated_at: Date;
}

function toView(r: QuarantineRow): QuarantinedRecordView {
  return {
    id: r.id,
    integrationId: r.integration_id,
    runId: r.run_id,
    seq: r.seq,
    record: r.record,
    reason: r.reason,
    status: r.status,
    attempts: r.attempts,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

/** Records that failed mapping or validation, kept raw with their reason until a retry applies them. */
@Injectable()
export class QuarantineRepository {
  /** One open entry per vendor record: a record that fails again gets the new reason and one more attempt. */
  async put(
    em: EntityManager,
    integrationId: string,
    ctx: { runId: string | null; seq: number | null },
    entries: readonly QuarantineEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const seen = new Set<string>();
    const rows: { id: string; record_key: string; record: Record<string, unknown>; reason: string }[] = [];
    for (const e of entries) {
      let key = recordKey(e.record);
      // Two records with one vendor id in one page: keep both, told apart by content.
      if (seen.has(key)) key = contentKey(e.record);
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ id: uuidv7(), record_key: key, record: e.record, reason: e.reason });
    }
    await em.execute(
      `insert into quarantined_record (id, integration_id, record_key, run_id, seq, record, reason)
       select x.id, ?, x.record_key, ?, ?, x.record, x.reason
       from jsonb_to_recordset(?::jsonb) as x(id uuid, record_key text, record jsonb, reason text)
       on conflict (integration_id, record_key) where status = 'open' do update
         set record = excluded.record, reason = excluded.reason, run_id = excluded.run_id, seq = excluded.seq,
             attempts = quarantined_record.attempts + 1, updated_at = now()`,
      [integrationId, ctx.runId, ctx.seq, JSON.stringify(rows)],
    );
  }

  /** Records that now applied (or were filtered out) leave quarantine. */
  async resolve(em: EntityManager, integrationId: string, records: readonly Record<string, unknown>[]): Promise<void> {
    if (records.length === 0) return;
    await em.execute(
      `update quarantined_record set status = 'resolved', updated_at = now()
       where integration_id = ? and status = 'open' and record_key = any(array(select jsonb_array_elements_text(?::jsonb)))`,
      [integrationId, JSON.stringify(records.map(recordKey))],
    );
  }

  async list(
    em: EntityManager,
    q: { integrationId?: string; status?: 'open' | 'resolved'; limit: number; cursor?: string },
  ): Promise<{ data: QuarantinedRecordView[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown): void => {
      where.push(clause);
      params.push(value);
    };
    if (q.integrationId) add('integration_id = ?', q.integrationId);
    if (q.status) add('status = ?', q.status);
    if (q.cursor) add('id > ?', q.cursor);
    const rows = await em.execute<QuarantineRow[]>(
      `select * from quarantined_record ${where.length ? `where ${where.join(' and ')}` : ''} order by id limit ?`,
      [...params, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    return { data: page.map(toView), nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async openRecords(em: EntityManager, integrationId: string, ids?: string[]): Promise<Record<string, unknown>[]> {
    const rows = ids
      ? await em.execute<{ record: Record<string, unknown> }[]>(
          `select record from quarantined_record where integration_id = ? and status = 'open'
           and id = any(array(select (jsonb_array_elements_text(?::jsonb))::uuid)) order by id`,
          [integrationId, JSON.stringify(ids)],
        )
      : await em.execute<{ record: Record<string, unknown> }[]>(
          `select record from quarantined_record where integration_id = ? and status = 'open' order by id limit 10000`,
          [integrationId],
        );
    return rows.map((r) => r.record);
  }
}
