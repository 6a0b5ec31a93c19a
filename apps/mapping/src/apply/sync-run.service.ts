import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DirectorySyncAppliedV1, type SyncBatchFetchedPayload, type SyncRunFetchedPayload } from '@seatkeeper/contracts';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import { DefinitionRepository } from '../definitions/definition.repository';
import { collectSamples } from '../mapping/source-fields';
import { QuarantineRepository } from './quarantine.repository';
import { Reconciler } from './reconciler';
import { RecordApplier, type ApplyResult } from './record-applier';
import { SyncRunRepository } from './sync-run.repository';

/**
 * Tracks each run's pages: a page is applied once (by run and seq), and the run finishes —
 * reconcile, then `directory.sync.applied.v1` — when `sync.run.fetched` has said how many pages
 * there are and all of them are applied, in whichever order the two arrive.
 *
 * One owner per setting: the run's record type and preference are recorded on its row when its
 * first page arrives (the integration's, carried on the page; the definition's only for a
 * producer that sends none) and every page, the reconcile and the applied event read them from
 * there — an edit of the definition mid-run takes effect with the next run.
 */
@Injectable()
export class SyncRunService {
  constructor(
    private readonly definitions: DefinitionRepository,
    private readonly applier: RecordApplier,
    private readonly quarantine: QuarantineRepository,
    private readonly reconciler: Reconciler,
    private readonly outbox: OutboxWriter,
    private readonly runs: SyncRunRepository,
  ) {}

  async applyBatch(em: EntityManager, batch: SyncBatchFetchedPayload): Promise<void> {
    const run = await this.runs.lock(em, batch.runId, batch.integrationId);
    if (run.finished_at) return;
    if (await this.runs.isBatchApplied(em, batch.runId, batch.seq)) return; // the same page published twice

    const stored = await this.definitions.find(em, batch.integrationId);
    let result: ApplyResult;
    if (!stored) {
      const reason = 'no mapping definition exists for this integration';
      await this.quarantine.put(em, batch.integrationId, { runId: batch.runId, seq: batch.seq }, batch.records.map((record) => ({ record, reason })));
      result = { created: 0, updated: 0, unchanged: 0, quarantined: batch.records.length, filtered: 0, skipped: 0, seenExternalIds: [] };
    } else {
      const settings = await this.runs.settle(em, run, {
        recordType: batch.recordType ?? stored.recordType,
        preference: batch.preference ?? stored.preference,
      });
      const def = { ...stored, ...settings };
      if (batch.seq === 1 || !def.samplesRunId) await this.definitions.saveSamples(em, def, collectSamples(batch.records), batch.runId);
      const customFields = await this.definitions.customFields(em);
      result = await this.applier.apply(em, def, customFields, batch.records, { runId: batch.runId, seq: batch.seq });
    }
    await this.runs.recordBatch(em, batch.runId, batch.seq, result.seenExternalIds, result);
    await this.finishIfDone(em, batch.runId);
  }

  async runFetched(em: EntityManager, fetched: SyncRunFetchedPayload): Promise<void> {
    const run = await this.runs.lock(em, fetched.runId, fetched.integrationId);
    if (run.finished_at) return;
    await this.runs.recordFetched(em, fetched.runId, { batches: fetched.batches, complete: fetched.complete, reason: fetched.reason ?? null });
    await this.finishIfDone(em, fetched.runId);
  }

  private async finishIfDone(em: EntityManager, runId: string): Promise<void> {
    const run = await this.runs.get(em, runId);
    if (run.batches_expected === null || run.batches_applied < run.batches_expected) return;
    const stored = await this.definitions.find(em, run.integration_id);
    // The run's own settings; a run that applied no page recorded none and takes the definition's.
    const def = stored && {
      ...stored,
      ...(run.record_type ? { recordType: run.record_type } : {}),
      ...(run.preference ? { preference: run.preference } : {}),
    };
    const outcome = await this.reconciler.reconcile(em, def, {
      runId,
      complete: run.complete,
      incompleteReason: run.incomplete_reason,
    });
    await this.runs.finish(em, runId, outcome);
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
