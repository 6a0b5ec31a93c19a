import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  WorkflowRunAwaitingApprovalV1,
  WorkflowRunCancelledV1,
  WorkflowRunCompletedV1,
  WorkflowRunFailedV1,
  WorkflowRunStartedV1,
  WorkflowStepCompletedV1,
  WorkflowStepFailedV1,
  type EventDefinition,
  type WorkflowRunSnapshot,
  type WorkflowRunStatus,
  type WorkflowStepStatus,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import type { RecordRow, RunRow, StepCounts, StepRow } from './run.rows';

export type StepOutcome = 'succeeded' | 'skipped' | 'failed';
export interface FinishedStep {
  step: StepRow;
  outcome: StepOutcome;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

const RUN_EVENT: Partial<Record<WorkflowRunStatus, EventDefinition<string, WorkflowRunSnapshot>>> = {
  awaiting_approval: WorkflowRunAwaitingApprovalV1,
  completed: WorkflowRunCompletedV1,
  failed: WorkflowRunFailedV1,
  cancelled: WorkflowRunCancelledV1,
  rejected: WorkflowRunCancelledV1,
};

/** Runs, their records and steps in SQL; every state change writes its event in the same transaction. */
@Injectable()
export class RunsRepository {
  constructor(private readonly outbox: OutboxWriter) {}

  async run(em: EntityManager, runId: string, lock = false): Promise<RunRow> {
    const rows = await em.execute<RunRow[]>(`select * from run where id = ? ${lock ? 'for update' : ''}`, [runId]);
    if (!rows[0]) throw new RpcException(RpcErrorCode.NotFound, `No workflow run ${runId}`);
    return rows[0];
  }

  /** Whether a run of the workflow is still going (planning, running or waiting for an approval). */
  async hasOpenRun(em: EntityManager, workflowId: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(`select id from run where workflow_id = ? and status in ('planning','running','awaiting_approval') limit 1`, [workflowId]);
    return rows.length > 0;
  }

  async counts(em: EntityManager, runId: string): Promise<StepCounts> {
    const rows = await em.execute<{ status: WorkflowStepStatus; n: string }[]>(`select status, count(*) as n from step where run_id = ? group by status`, [runId]);
    const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
    return {
      planned: (by.get('planned') ?? 0) + (by.get('in_progress') ?? 0),
      succeeded: by.get('succeeded') ?? 0,
      skipped: by.get('skipped') ?? 0,
      failed: by.get('failed') ?? 0,
    };
  }

  /** Moves a run to `status` (optionally only from `from`) and emits the matching `workflow.run.*.v1`; false when it was not in `from`. */
  async transition(
    em: EntityManager,
    runId: string,
    status: WorkflowRunStatus,
    opts: { from?: WorkflowRunStatus[]; reason?: string | null; approval?: unknown; event?: 'started' } = {},
  ): Promise<boolean> {
    const terminal = ['planned', 'completed', 'failed', 'cancelled', 'rejected'].includes(status);
    const rows = await em.execute<{ id: string }[]>(
      `update run set status = ?, reason = ?, approval = case when ? then ?::jsonb else approval end, updated_at = now(),
         finished_at = case when ? then now() else null end, lease_owner = case when ? then null else lease_owner end,
         lease_until = case when ? then null else lease_until end
       where id = ? ${opts.from ? `and status = any(?)` : ''} returning id`,
      [
        status,
        opts.reason ?? null,
        opts.approval !== undefined,
        opts.approval === undefined ? null : JSON.stringify(opts.approval),
        terminal,
        terminal || status === 'awaiting_approval',
        terminal || status === 'awaiting_approval',
        runId,
        ...(opts.from ? [`{${opts.from.join(',')}}`] : []),
      ],
    );
    if (!rows.length) return false;
    const def = opts.event === 'started' ? WorkflowRunStartedV1 : RUN_EVENT[status];
    if (def) await this.emitRun(em, runId, def);
    return true;
  }

  async emitRun(em: EntityManager, runId: string, def: EventDefinition<string, WorkflowRunSnapshot>): Promise<void> {
    const r = await this.run(em, runId);
    const c = await this.counts(em, runId);
    await this.outbox.add(
      em,
      def,
      {
        runId: r.id,
        workflowId: r.workflow_id,
        workflowVersion: r.version,
        workflowName: r.workflow_name.slice(0, 200),
        trigger: r.trigger,
        dryRun: r.dry_run,
        status: r.status,
        planned: r.records,
        succeeded: c.succeeded,
        failed: c.failed,
        skipped: c.skipped,
        ...(r.reason ? { reason: r.reason.slice(0, 2000) } : {}),
      },
      { entityKey: `workflow-run:${r.id}` },
    );
  }

  /** Records a step's outcome and emits `workflow.step.completed.v1` / `.failed.v1` with it. */
  async finishStep(em: EntityManager, step: StepRow, outcome: StepOutcome, reason: string | null, detail: Record<string, unknown> | null): Promise<void> {
    await this.finishMany(em, step.run_id, [{ step, outcome, reason, detail }]);
  }

  /** Many outcomes in one statement and one outbox write (a role read of 10,000 accounts finishes 10,000 steps). */
  async finishMany(em: EntityManager, runId: string, items: FinishedStep[]): Promise<void> {
    if (!items.length) return;
    await em.execute(
      `update step s set status = i.status, reason = i.reason, detail = coalesce(i.detail, s.detail), finished_at = now()
       from jsonb_to_recordset(?::jsonb) as i(id uuid, status text, reason text, detail jsonb) where s.id = i.id`,
      [
        JSON.stringify(
          items.map((i) => ({
            id: i.step.id,
            status: i.outcome,
            reason: i.reason?.slice(0, 2000) ?? null,
            detail: i.detail ? { ...(i.step.detail ?? {}), ...i.detail } : null,
          })),
        ),
      ],
    );
    const r = await this.run(em, runId);
    const records = new Map(
      (await em.execute<RecordRow[]>(`select * from run_record where run_id = ? and saas_user_id = any(?::uuid[])`, [
        runId,
        `{${items.flatMap((i) => (i.step.saas_user_id ? [i.step.saas_user_id] : [])).join(',')}}`,
      ])).map((x) => [x.saas_user_id, x]),
    );
    await this.outbox.addAll(
      em,
      items.map(({ step, outcome, reason }) => {
        const rec = step.saas_user_id ? records.get(step.saas_user_id) : undefined;
        return {
          definition: outcome === 'failed' ? WorkflowStepFailedV1 : WorkflowStepCompletedV1,
          data: {
            runId: r.id,
            workflowId: r.workflow_id,
            workflowName: r.workflow_name.slice(0, 200),
            stepId: step.id,
            blockId: step.block_id,
            blockType: step.block_type,
            action: step.action,
            outcome,
            saasUserId: step.saas_user_id,
            saasAppId: rec?.saas_app_id ?? null,
            personId: rec?.person_id ?? null,
            externalId: rec?.external_id ?? null,
            ...(reason ? { reason: reason.slice(0, 2000) } : {}),
          },
          entityKey: `workflow-run:${r.id}`,
        };
      }),
    );
  }

  async record(em: EntityManager, runId: string, saasUserId: string): Promise<RecordRow | null> {
    const rows = await em.execute<RecordRow[]>(`select * from run_record where run_id = ? and saas_user_id = ?`, [runId, saasUserId]);
    return rows[0] ?? null;
  }

  /**
   * Skips the steps still planned, with why: one record's (it halted) or, when the run ends
   * (cancel, reject, expired approval), the whole run's, steps in progress too: it acts no further.
   * A halted record's skips are step events; a run that ends says so once in its own
   * `workflow.run.*.v1` event, and its unreached steps are set in one statement, because a
   * rejected role read of 10,000 accounts would otherwise emit 10,000 events inside the
   * operator's reject request (which then outlasts the request timeout).
   */
  async skipPlanned(em: EntityManager, runId: string, reason: string, saasUserId?: string): Promise<void> {
    if (!saasUserId) {
      await em.execute(`update step set status = 'skipped', reason = ?, finished_at = now() where run_id = ? and status in ('planned','in_progress')`, [reason.slice(0, 2000), runId]);
      return;
    }
    const steps = await em.execute<StepRow[]>(`select * from step where run_id = ? and status = 'planned' and saas_user_id = ? order by seq`, [runId, saasUserId]);
    await this.finishMany(em, runId, steps.map((step) => ({ step, outcome: 'skipped' as const, reason, detail: null })));
  }
}
