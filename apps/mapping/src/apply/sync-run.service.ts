import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DirectorySyncAppliedV1, type SyncBatchFetchedPayload, type SyncRunFetchedPayload } from '@seatkeeper/contracts';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import { DefinitionRepository } from '../definitions/definition.repository';
import { collectSamples } from '../mapping/source-fields';
import { QuarantineRepository } from './quarantine.repository';
import { Reconciler } from './reconciler';
import { RecordApplier, type ApplyResult } from './record-applier';

interface SyncRunRow {
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
  finished_at: Date | null;
}

/**
 * Tracks each run's pages: a page is applied once (by run and seq), and the run finishes —
 * reconcile, then `directory.sync.applied.v1` — when `sync.run.fetched` has said how many pages
 * there are and all of them are applied, in whichever order the two arrive.
 */
@Injectable()
export class SyncRunService {
  constructor(
    private readonly definitions: DefinitionRepository,
    private readonly applier: RecordApplier,
    private readonly quarantine: QuarantineRepository,
    private readonly reconciler: Reconciler,
    private readonly outbox: OutboxWriter,
  ) {}

  async applyBatch(em: EntityManager, batch: SyncBatchFetchedPayload): Promise<void> {
    const run = await this.lockRun(em, batch.runId, batch.integrationId);
    if (run.finished_at) return;
    const applied = await em.execute('select 1 from sync_run_batch where run_id = ? and seq = ?', [batch.runId, batch.seq]);
    if (applied.length > 0) return; // the same page published twice

    const stored = await this.definitions.find(em, batch.integrationId);
    // The integration (integration-sync) owns record type and preference; the batch carries them
    // as they were when the run started. The definition's copies only serve older producers.
    const def = stored && {
      ...stored,
      recordType: batch.recordType ?? stored.recordType,
      preference: batch.preference ?? stored.preference,
    };
    let result: ApplyResult;
    if (!def) {
      const reason = 'no mapping definition exists for this integration';
      await this.quarantine.put(em, batch.integrationId, { runId: batch.runId, seq: batch.seq }, batch.records.map((record) => ({ record, reason })));
      result = { created: 0, updated: 0, unchanged: 0, quarantined: batch.records.length, filtered: 0, skipped: 0, seenExternalIds: [] };
    } else {
      if (batch.seq === 1 || !def.samplesRunId) await this.definitions.saveSamples(em, def, collectSamples(batch.records), batch.runId);
      const customFields = await this.definitions.customFields(em);
      result = await this.applier.apply(em, def, customFields, batch.records, { runId: batch.runId, seq: batch.seq });
    }
    await em.execute('insert into sync_run_batch (run_id, seq, seen_external_ids) values (?, ?, ?::jsonb)', [
      batch.runId,
      batch.seq,
      JSON.stringify(result.seenExternalIds),
    ]);
    await em.execute(
      `update sync_run set batches_applied = batches_applied + 1, created = created + ?, updated = updated + ?,
         unchanged = unchanged + ?, quarantined = quarantined + ?, filtered = filtered + ?, skipped = skipped + ?
       where run_id = ?`,
      [result.created, result.updated, result.unchanged, result.quarantined, result.filtered, result.skipped, batch.runId],
    );
    await this.finishIfDone(em, batch.runId);
  }

  async runFetched(em: EntityManager, fetched: SyncRunFetchedPayload): Promise<void> {
    const run = await this.lockRun(em, fetched.runId, fetched.integrationId);
    if (run.finished_at) return;
    await em.execute('update sync_run set batches_expected = ?, complete = ?, incomplete_reason = ? where run_id = ?', [
      fetched.batches,
      fetched.complete,
      fetched.complete ? null : (fetched.reason ?? null),
      fetched.runId,
    ]);
    await this.finishIfDone(em, fetched.runId);
  }

  /** Every handler of one run takes the run's row lock first: its pages apply one at a time. */
  private async lockRun(em: EntityManager, runId: string, integrationId: string): Promise<SyncRunRow> {
    await em.execute('insert into sync_run (run_id, integration_id) values (?, ?) on conflict (run_id) do nothing', [runId, integrationId]);
    const rows = await em.execute<SyncRunRow[]>('select * from sync_run where run_id = ? for update', [runId]);
    return rows[0] as SyncRunRow;
  }

  private async finishIfDone(em: EntityManager, runId: string): Promise<void> {
    const [run] = (await em.execute<SyncRunRow[]>('select * from sync_run where run_id = ?', [runId])) as [SyncRunRow];
    if (run.batches_expected === null || run.batches_applied < run.batches_expected) return;
    const def = await this.definitions.find(em, run.integration_id);
    const outcome = await this.reconciler.reconcile(em, def, {
      runId,
      complete: run.complete,
      incompleteReason: run.incomplete_reason,
    });
    await em.execute(
      'update sync_run set missing = ?, deactivated = ?, reconcile_note = ?, finished_at = now() where run_id = ?',
      [outcome.missing, outcome.deactivated, outcome.note ?? null, runId],
    );
    await this.outbox.add(
      em,
      DirectorySyncAppliedV1,
      {
        runId,
        integrationId: run.integration_id,
        saasAppId: def?.recordType === 'user_and_saas_user' ? def.saasAppId : null,
        complete: Boolean(run.complete),
        created: run.created,
        updated: run.updated,
        unchanged: run.unchanged,
        quarantined: run.quarantined,
        filtered: run.filtered,
        skipped: run.skipped,
        missing: outcome.missing,
        deactivated: outcome.deactivated,
        gateTripped: outcome.gateTripped,
        ...(outcome.note ? { reconcileNote: outcome.note } : {}),
      },
      { entityKey: `integration:${run.integration_id}` },
    );
  }
}
