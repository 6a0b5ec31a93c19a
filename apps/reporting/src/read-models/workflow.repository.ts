import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { WorkflowRunSnapshot, WorkflowStepSnapshot } from '@seatkeeper/contracts';

/**
 * rm_workflow_run, rm_workflow_action ("workflow actions") and rm_realised_saving (the ledger),
 * keyed by the producer's run and step ids; `at` is the event's time and the newest event wins.
 * Raw SQL for the guarded `on conflict … do update … where` upserts.
 */
@Injectable()
export class WorkflowReadModelRepository {
  async upsertRun(em: EntityManager, r: WorkflowRunSnapshot, at: string): Promise<void> {
    await em.execute(
      `insert into rm_workflow_run as w (run_id, workflow_id, workflow_version, workflow_name, trigger, dry_run, status,
         planned, succeeded, failed, skipped, reason, started_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (run_id) do update set workflow_version = excluded.workflow_version, workflow_name = excluded.workflow_name,
         status = excluded.status, planned = excluded.planned, succeeded = excluded.succeeded, failed = excluded.failed,
         skipped = excluded.skipped, reason = excluded.reason, started_at = least(w.started_at, excluded.started_at),
         updated_at = excluded.updated_at
       where w.updated_at <= excluded.updated_at`,
      [
        r.runId, r.workflowId, r.workflowVersion, r.workflowName, r.trigger, r.dryRun, r.status,
        r.planned, r.succeeded, r.failed, r.skipped, r.reason ?? null, at, at,
      ],
    );
  }

  async upsertAction(em: EntityManager, s: WorkflowStepSnapshot, at: string): Promise<void> {
    await em.execute(
      `insert into rm_workflow_action as a (step_id, run_id, workflow_id, workflow_name, block_id, block_type, action, outcome,
         saas_user_id, saas_app_id, person_id, external_id, reason, occurred_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (step_id) do update set outcome = excluded.outcome, reason = excluded.reason, occurred_at = excluded.occurred_at,
         saas_user_id = excluded.saas_user_id, saas_app_id = excluded.saas_app_id, person_id = excluded.person_id,
         external_id = excluded.external_id
       where a.occurred_at <= excluded.occurred_at`,
      [
        s.stepId, s.runId, s.workflowId, s.workflowName, s.blockId, s.blockType, s.action, s.outcome,
        s.saasUserId ?? null, s.saasAppId ?? null, s.personId ?? null, s.externalId ?? null, s.reason ?? null, at,
      ],
    );
  }

  /** One ledger row per step that freed a seat; a replay adds nothing. */
  async recordRealisedSaving(em: EntityManager, s: WorkflowStepSnapshot, freedAt: string): Promise<void> {
    await em.execute(
      `insert into rm_realised_saving (step_id, run_id, workflow_id, workflow_name, saas_user_id, saas_app_id, person_id, external_id, freed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [s.stepId, s.runId, s.workflowId, s.workflowName, s.saasUserId ?? null, s.saasAppId ?? null, s.personId ?? null, s.externalId ?? null, freedAt],
    );
  }
}
