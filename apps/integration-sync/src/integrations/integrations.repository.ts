import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { IntegrationStatus } from '@seatkeeper/contracts';
import { executeBound } from '@seatkeeper/platform-persistence';
import type { IntegrationRow, LastRunRow } from './integration.row';
import type { Schedule } from './schedule';

const COLUMNS = `id, name, vendor, record_type, installation_type, credential_id, local_secret, runner_pool, region, base_url,
  preference, schedule, extras, status, next_run_at, credential_rejected_at, created_at, updated_at`;

/** An active integration whose schedule is due, as the scheduler claims it. */
export interface DueIntegration {
  id: string;
  schedule: Schedule;
  runner_pool: string;
}

export type IntegrationInsert = Omit<IntegrationRow, 'status' | 'next_run_at' | 'credential_rejected_at' | 'created_at' | 'updated_at'> & {
  created_by: string | null;
};

/** SQL for the `integration` table (the service's search_path is its own schema). */
@Injectable()
export class IntegrationsRepository {
  async insert(em: EntityManager, row: IntegrationInsert): Promise<IntegrationRow> {
    const rows = await em.execute<IntegrationRow[]>(
      `insert into integration (id, name, vendor, record_type, installation_type, credential_id, local_secret, runner_pool, region,
         base_url, preference, schedule, extras, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
      [
        row.id, row.name, row.vendor, row.record_type, row.installation_type, row.credential_id,
        row.local_secret ? JSON.stringify(row.local_secret) : null, row.runner_pool, row.region, row.base_url,
        row.preference, JSON.stringify(row.schedule), JSON.stringify(row.extras), row.created_by,
      ],
    );
    return rows[0] as IntegrationRow;
  }

  async find(em: EntityManager, id: string, lock = false): Promise<IntegrationRow | null> {
    const rows = await em.execute<IntegrationRow[]>(`select ${COLUMNS} from integration where id = ?${lock ? ' for update' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async update(em: EntityManager, id: string, changes: Partial<Record<keyof IntegrationRow, unknown>>): Promise<IntegrationRow> {
    const keys = Object.keys(changes);
    const json = new Set(['local_secret', 'schedule', 'extras']);
    const sets = keys.map((k) => `${k} = ?`).join(', ');
    const values = keys.map((k) => {
      const v = changes[k as keyof IntegrationRow];
      return json.has(k) && v !== null ? JSON.stringify(v) : v;
    });
    const rows = await em.execute<IntegrationRow[]>(
      `update integration set ${sets}${sets ? ', ' : ''}updated_at = now() where id = ? returning ${COLUMNS}`,
      [...values, id],
    );
    return rows[0] as IntegrationRow;
  }

  async delete(em: EntityManager, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>('delete from integration where id = ? returning id', [id]);
    return rows.length > 0;
  }

  async list(em: EntityManager, opts: { limit: number; after?: { createdAt: string; id: string }; status?: IntegrationStatus }): Promise<IntegrationRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.status) {
      where.push('status = ?');
      params.push(opts.status);
    }
    if (opts.after) {
      where.push('(created_at, id) < (?::timestamptz, ?::uuid)');
      params.push(opts.after.createdAt, opts.after.id);
    }
    return em.execute<IntegrationRow[]>(
      `select ${COLUMNS} from integration ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, id desc limit ?`,
      [...params, opts.limit],
    );
  }

  async lastRuns(em: EntityManager, ids: string[]): Promise<Map<string, LastRunRow>> {
    if (!ids.length) return new Map();
    const rows = await executeBound<(LastRunRow & { integration_id: string })[]>(
      em,
      `select distinct on (integration_id) integration_id, id, status, finished_at from run
       where integration_id = any(?::uuid[]) order by integration_id, queued_at desc`,
      [ids],
    );
    return new Map(rows.map((r) => [r.integration_id, r]));
  }

  /**
   * The pool's active integrations due at `now` (at most `limit`, the longest overdue first),
   * locked FOR UPDATE SKIP LOCKED: replicas ticking at once each claim different ones.
   */
  async lockDue(em: EntityManager, runnerPool: string, now: Date, limit: number): Promise<DueIntegration[]> {
    return em.execute<DueIntegration[]>(
      `select id, schedule, runner_pool from integration
       where status = 'active' and runner_pool = ? and next_run_at <= ?
       order by next_run_at limit ? for update skip locked`,
      [runnerPool, now, limit],
    );
  }

  /** Moves the schedule on; `updated_at` is left alone (the scheduler's bookkeeping, not an edit). */
  async setNextRunAt(em: EntityManager, id: string, nextRunAt: Date): Promise<void> {
    await em.execute('update integration set next_run_at = ? where id = ?', [nextRunAt, id]);
  }

  async referencingCredential(em: EntityManager, credentialId: string): Promise<{ id: string; name: string }[]> {
    return em.execute<{ id: string; name: string }[]>('select id, name from integration where credential_id = ? order by name', [credentialId]);
  }
}
