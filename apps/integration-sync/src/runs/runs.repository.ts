import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { RunStatus } from '@seatkeeper/contracts';
import type { UserCursor } from '@seatkeeper/connector-kit';
import { v7 as uuidv7 } from 'uuid';
import type { RunRow } from './run.row';

const RUN_COLUMNS = `id, integration_id, runner_pool, trigger, status, cursor, batches, attempts, requests, fetched, vendor_total, applied,
  quarantined, complete, reason, errors, owner, lease_expires_at, queued_at, started_at, fetched_at, finished_at`;

/** SQL for runs, their page checkpoints and their seen-id sets. */
@Injectable()
export class RunsRepository {
  /** Queues a run; null when one is already going for the integration (the partial unique index decides). */
  async queue(em: EntityManager, integrationId: string, pool: string, trigger: 'schedule' | 'manual'): Promise<RunRow | null> {
    const rows = await em.execute<RunRow[]>(
      `insert into run (id, integration_id, runner_pool, trigger, status) values (?, ?, ?, ?, 'queued')
       on conflict (integration_id) where status in ('queued', 'fetching', 'applying') do nothing
       returning ${RUN_COLUMNS}`,
      [uuidv7(), integrationId, pool, trigger],
    );
    return rows[0] ?? null;
  }

  async activeFor(em: EntityManager, integrationId: string): Promise<RunRow | null> {
    const rows = await em.execute<RunRow[]>(
      `select ${RUN_COLUMNS} from run where integration_id = ? and status in ('queued', 'fetching', 'applying')`,
      [integrationId],
    );
    return rows[0] ?? null;
  }

  async find(em: EntityManager, id: string): Promise<RunRow | null> {
    const rows = await em.execute<RunRow[]>(`select ${RUN_COLUMNS} from run where id = ?`, [id]);
    return rows[0] ?? null;
  }

  async list(em: EntityManager, opts: { integrationId?: string; status?: RunStatus; limit: number; after?: { queuedAt: string; id: string } }): Promise<RunRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.integrationId) { where.push('integration_id = ?'); params.push(opts.integrationId); }
    if (opts.status) { where.push('status = ?'); params.push(opts.status); }
    if (opts.after) { where.push('(queued_at, id) < (?::timestamptz, ?::uuid)'); params.push(opts.after.queuedAt, opts.after.id); }
    return em.execute<RunRow[]>(
      `select ${RUN_COLUMNS} from run ${where.length ? `where ${where.join(' and ')}` : ''} order by queued_at desc, id desc limit ?`,
      [...params, opts.limit],
    );
  }

  /**
   * Takes one run of the pool: a queued one, or one whose runner's lease ran out (a crashed
   * replica). SKIP LOCKED lets replicas claim side by side without taking the same run.
   */
  async claim(em: EntityManager, pool: string, owner: string, leaseMs: number): Promise<{ run: RunRow; firstStart: boolean } | null> {
    const rows = await em.execute<{ id: string; status: RunStatus }[]>(
      `select id, status from run
       where runner_pool = ? and (status = 'queued' or (status = 'fetching' and (lease_expires_at is null or lease_expires_at < now())))
       order by queued_at limit 1 for update skip locked`,
      [pool],
    );
    const picked = rows[0];
    if (!picked) return null;
    const updated = await em.execute<RunRow[]>(
      `update run set status = 'fetching', owner = ?, lease_expires_at = now() + (? || ' milliseconds')::interval,
         started_at = coalesce(started_at, now()), attempts = attempts + 1
       where id = ? returning ${RUN_COLUMNS}`,
      [owner, String(leaseMs), picked.id],
    );
    return { run: updated[0] as RunRow, firstStart: picked.status === 'queued' };
  }

  /** Renews the lease; false when another runner took the run over (this one must stop). */
  async renewLease(em: EntityManager, runId: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update run set lease_expires_at = now() + (? || ' milliseconds')::interval where id = ? and owner = ? and status = 'fetching' returning id`,
      [String(leaseMs), runId, owner],
    );
    return rows.length > 0;
  }

  /** Lets another replica resume at once (graceful shutdown); a hand-over does not use up an attempt. */
  async releaseLease(em: EntityManager, runId: string, owner: string): Promise<void> {
    await em.execute(
      `update run set lease_expires_at = now(), attempts = greatest(attempts - 1, 0) where id = ? and owner = ? and status = 'fetching'`,
      [runId, owner],
    );
  }

  /** Notes an unexpected error and lets the run be claimed again after `retryInMs` (any replica). */
  async recordAttemptError(em: EntityManager, runId: string, owner: string, message: string, retryInMs: number): Promise<void> {
    const errors = [{ at: new Date().toISOString(), message }];
    await em.execute(
      `update run set errors = errors || ?::jsonb, owner = null, lease_expires_at = now() + (? || ' milliseconds')::interval
       where id = ? and owner = ? and status = 'fetching'`,
      [JSON.stringify(errors), String(retryInMs), runId, owner],
    );
  }

  /**
   * Closes runs whose fetch ended more than `timeoutMs` ago but that mapping never reported
   * applied (mapping down, its report lost): `incomplete` with the reason. SKIP LOCKED, so replicas
   * sweep side by side; a late report then finds the run closed and is ignored.
   */
  async timeOutApplying(em: EntityManager, timeoutMs: number, reason: string): Promise<RunRow[]> {
    const errors = [{ at: new Date().toISOString(), message: reason }];
    return em.execute<RunRow[]>(
      `update run set status = 'incomplete', reason = coalesce(reason || '; ', '') || ?, errors = errors || ?::jsonb, finished_at = now()
       where id in (select id from run where status = 'applying' and fetched_at < now() - (? || ' milliseconds')::interval
                    order by fetched_at limit 50 for update skip locked)
       returning ${RUN_COLUMNS}`,
      [reason, JSON.stringify(errors), String(timeoutMs)],
    );
  }

  /** Locks the run if this runner still owns it; the fence that keeps a stale runner from writing. */
  async lockOwned(em: EntityManager, runId: string, owner: string): Promise<RunRow | null> {
    const rows = await em.execute<RunRow[]>(
      `select ${RUN_COLUMNS} from run where id = ? and owner = ? and status = 'fetching' for update`,
      [runId, owner],
    );
    return rows[0] ?? null;
  }

  /** Records the ids of a page; returns the ones this run had not sent yet. */
  async markSeen(em: EntityManager, runId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await em.execute<{ vendor_id: string }[]>(
      `insert into run_seen_user (run_id, vendor_id) select ?, jsonb_array_elements_text(?::jsonb) on conflict do nothing returning vendor_id`,
      [runId, JSON.stringify(ids)],
    );
    return new Set(rows.map((r) => r.vendor_id));
  }

  async recordPage(em: EntityManager, runId: string, seq: number, records: number, eventId: string): Promise<void> {
    await em.execute('insert into run_page (run_id, seq, records, event_id) values (?, ?, ?, ?)', [runId, seq, records, eventId]);
  }

  async checkpoint(
    em: EntityManager,
    runId: string,
    fields: { cursor: UserCursor; batches: number; fetched: number; requests: number; vendorTotal: number | null; leaseMs: number; warnings: string[] },
  ): Promise<void> {
    const errors = fields.warnings.map((message) => ({ at: new Date().toISOString(), message }));
    await em.execute(
      `update run set cursor = ?, batches = ?, fetched = ?, requests = ?, vendor_total = coalesce(?, vendor_total),
         errors = errors || ?::jsonb, lease_expires_at = now() + (? || ' milliseconds')::interval
       where id = ?`,
      [JSON.stringify(fields.cursor), fields.batches, fields.fetched, fields.requests, fields.vendorTotal, JSON.stringify(errors), String(fields.leaseMs), runId],
    );
  }

  async finishFetch(em: EntityManager, runId: string, fields: { status: RunStatus; complete: boolean; reason: string | null; requests: number; closed: boolean }): Promise<void> {
    const errors = fields.reason ? [{ at: new Date().toISOString(), message: fields.reason }] : [];
    await em.execute(
      `update run set status = ?, complete = ?, reason = ?, requests = ?, owner = null, lease_expires_at = null,
         errors = errors || ?::jsonb, fetched_at = now(), finished_at = case when ? then now() else finished_at end
       where id = ?`,
      [fields.status, fields.complete, fields.reason, fields.requests, JSON.stringify(errors), fields.closed, runId],
    );
    // The id set only served deduplication while fetching.
    await em.execute('delete from run_seen_user where run_id = ?', [runId]);
  }

  async close(em: EntityManager, runId: string, fields: { status: RunStatus; applied: number; quarantined: number }): Promise<RunRow | null> {
    const rows = await em.execute<RunRow[]>(
      `update run set status = ?, applied = ?, quarantined = ?, finished_at = now() where id = ? and status = 'applying' returning ${RUN_COLUMNS}`,
      [fields.status, fields.applied, fields.quarantined, runId],
    );
    return rows[0] ?? null;
  }
}
