import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { RecordType, SyncPreference } from '@seatkeeper/contracts';
import type { ApplyCounts } from './record-applier';

/** A run's row in mapping: its pages applied so far, their counts, and the settings it runs under. */
export interface SyncRunRow {
  run_id: string;
  integration_id: string;
  batches_expected: number | null;
  complete: boolean | null;
  incomplete_reason: string | null;
  batches_applied: number;
  created: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  filtered: number;
  skipped: number;
  /** Recorded once, from the run's first page (null until then). */
  record_type: RecordType | null;
  preference: SyncPreference | null;
  finished_at: Date | null;
}

export interface RunSettings {
  recordType: RecordType;
  preference: SyncPreference;
}

/** Every statement on `sync_run` and `sync_run_batch`: the per-run bookkeeping that decides when a run may reconcile. */
@Injectable()
export class SyncRunRepository {
  /** Creates the run's row if needed and takes its lock: every handler of one run runs one at a time. */
  async lock(em: EntityManager, runId: string, integrationId: string): Promise<SyncRunRow> {
    await em.execute('insert into sync_run (run_id, integration_id) values (?, ?) on conflict (run_id) do nothing', [runId, integrationId]);
    const rows = await em.execute<SyncRunRow[]>('select * from sync_run where run_id = ? for update', [runId]);
    return rows[0] as SyncRunRow;
  }

  async get(em: EntityManager, runId: string): Promise<SyncRunRow> {
    const rows = await em.execute<SyncRunRow[]>('select * from sync_run where run_id = ?', [runId]);
    return rows[0] as SyncRunRow;
  }

  /** The run's settings: the recorded ones, else these, recorded now (once: a later call cannot change them). */
  async settle(em: EntityManager, run: SyncRunRow, proposed: RunSettings): Promise<RunSettings> {
    if (run.record_type && run.preference) return { recordType: run.record_type, preference: run.preference };
    await em.execute('update sync_run set record_type = ?, preference = ? where run_id = ?', [proposed.recordType, proposed.preference, run.run_id]);
    run.record_type = proposed.recordType;
    run.preference = proposed.preference;
    return proposed;
  }

  async isBatchApplied(em: EntityManager, runId: string, seq: number): Promise<boolean> {
    const rows = await em.execute('select 1 from sync_run_batch where run_id = ? and seq = ?', [runId, seq]);
    return rows.length > 0;
  }

  async recordBatch(em: EntityManager, runId: string, seq: number, seenExternalIds: string[], counts: ApplyCounts): Promise<void> {
    await em.execute('insert into sync_run_batch (run_id, seq, seen_external_ids) values (?, ?, ?::jsonb)', [runId, seq, JSON.stringify(seenExternalIds)]);
    await em.execute(
      `update sync_run set batches_applied = batches_applied + 1, created = created + ?, updated = updated + ?,
         unchanged = unchanged + ?, quarantined = quarantined + ?, filtered = filtered + ?, skipped = skipped + ?
       where run_id = ?`,
      [counts.created, counts.updated, counts.unchanged, counts.quarantined, counts.filtered, counts.skipped, runId],
    );
  }

  async recordFetched(em: EntityManager, runId: string, fetched: { batches: number; complete: boolean; reason: string | null }): Promise<void> {
    await em.execute('update sync_run set batches_expected = ?, complete = ?, incomplete_reason = ? where run_id = ?', [
      fetched.batches,
      fetched.complete,
      fetched.complete ? null : fetched.reason,
      runId,
    ]);
  }

  async finish(em: EntityManager, runId: string, outcome: { missing: number; deactivated: number; note?: string }): Promise<void> {
    await em.execute('update sync_run set missing = ?, deactivated = ?, reconcile_note = ?, finished_at = now() where run_id = ?', [
      outcome.missing,
      outcome.deactivated,
      outcome.note ?? null,
      runId,
    ]);
  }
}
