import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  DirectorySyncAppliedPayload,
  SyncRunCompletedPayload,
  SyncRunFailedPayload,
  SyncRunFetchedPayload,
  SyncRunStartedPayload,
} from '@seatkeeper/contracts';

/** How far a run has got; a status only moves forward, whatever order the events arrive in. */
const STATUS_RANK = `case %s when 'running' then 1 when 'fetched' then 2 else 3 end`;
const rank = (col: string) => STATUS_RANK.replace('%s', col);
const ADVANCE = `status = case when ${rank('excluded.status')} >= ${rank('r.status')} then excluded.status else r.status end`;

/**
 * rm_sync_run: one row per sync run, assembled from its events (started, fetched, the directory's
 * apply counts, completed or failed). Each write is an upsert that fills its own columns only, so
 * the events commute; `at` is the event's time. Raw SQL for `on conflict … do update`.
 */
@Injectable()
export class SyncRunsRepository {
  async started(em: EntityManager, d: SyncRunStartedPayload, at: string): Promise<void> {
    await em.execute(
      `insert into rm_sync_run as r (run_id, integration_id, trigger, status, started_at, updated_at) values (?, ?, ?, 'running', ?, ?)
       on conflict (run_id) do update set trigger = excluded.trigger, started_at = excluded.started_at, ${ADVANCE},
         updated_at = greatest(r.updated_at, excluded.updated_at)`,
      [d.runId, d.integrationId, d.trigger, at, at],
    );
  }

  async fetched(em: EntityManager, d: SyncRunFetchedPayload, at: string): Promise<void> {
    await em.execute(
      `insert into rm_sync_run as r (run_id, integration_id, vendor, status, complete, batches, records, reason, fetched_at, updated_at)
       values (?, ?, ?, 'fetched', ?, ?, ?, ?, ?, ?)
       on conflict (run_id) do update set vendor = excluded.vendor, complete = excluded.complete, batches = excluded.batches,
         records = excluded.records, reason = coalesce(r.reason, excluded.reason), fetched_at = excluded.fetched_at, ${ADVANCE},
         updated_at = greatest(r.updated_at, excluded.updated_at)`,
      [d.runId, d.integrationId, d.vendor, d.complete, d.batches, d.records, d.reason ?? null, at, at],
    );
  }

  /** The directory's apply counts (directory.sync.applied.v1). */
  async applied(em: EntityManager, d: DirectorySyncAppliedPayload, at: string): Promise<void> {
    await em.execute(
      `insert into rm_sync_run as r (run_id, integration_id, status, created, updated, unchanged, missing, deactivated, applied_at, updated_at)
       values (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)
       on conflict (run_id) do update set created = excluded.created, updated = excluded.updated, unchanged = excluded.unchanged,
         missing = excluded.missing, deactivated = excluded.deactivated, applied_at = excluded.applied_at,
         updated_at = greatest(r.updated_at, excluded.updated_at)`,
      [d.runId, d.integrationId, d.created, d.updated, d.unchanged, d.missing, d.deactivated, at, at],
    );
  }

  async completed(em: EntityManager, d: SyncRunCompletedPayload, at: string): Promise<void> {
    await em.execute(
      `insert into rm_sync_run as r (run_id, integration_id, status, fetched, pages, quarantined, reason, finished_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (run_id) do update set status = excluded.status, fetched = excluded.fetched, pages = excluded.pages,
         quarantined = excluded.quarantined, reason = coalesce(excluded.reason, r.reason), finished_at = excluded.finished_at,
         updated_at = greatest(r.updated_at, excluded.updated_at)`,
      [d.runId, d.integrationId, d.status, d.fetched, d.pages, d.quarantined, d.reason ?? null, at, at],
    );
  }

  async failed(em: EntityManager, d: SyncRunFailedPayload, at: string): Promise<void> {
    await em.execute(
      `insert into rm_sync_run as r (run_id, integration_id, status, reason, finished_at, updated_at) values (?, ?, 'failed', ?, ?, ?)
       on conflict (run_id) do update set status = 'failed', reason = excluded.reason, finished_at = excluded.finished_at,
         updated_at = greatest(r.updated_at, excluded.updated_at)`,
      [d.runId, d.integrationId, d.reason, at, at],
    );
  }
}
