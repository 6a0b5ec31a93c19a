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
  type SaasUserView,
  type WorkflowRunSnapshot,
  type WorkflowRunStatus,
  type WorkflowStepStatus,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { executeBound } from '@seatkeeper/platform-persistence';
import type { NewRecord, NewRun, NewStep, RecordRow, RunRow, StepCounts, StepRow, StepWithAccount } from './run.rows';

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

/**
 * The run aggregate: runs, their records and steps, in SQL behind typed functions (the statements
 * are set-based: jsonb record sets, leases, conditional updates). Every function works in the
 * caller's EntityManager and so in its transaction; every state change writes its event in that
 * same transaction. Lists of ids travel as one array bind parameter (`= any(?::uuid[])`).
 */
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
    const rows = await executeBound<{ id: string }[]>(
      em,
      `update run set status = ?, reason = ?, approval = case when ?::boolean then ?::jsonb else approval end, updated_at = now(),
         finished_at = case when ?::boolean then now() else null end, lease_owner = case when ?::boolean then null else lease_owner end,
         lease_until = case when ?::boolean then null else lease_until end
       where id = ? ${opts.from ? `and status = any(?::text[])` : ''} returning id`,
      [
        status,
        opts.reason ?? null,
        opts.approval !== undefined,
        opts.approval === undefined ? null : JSON.stringify(opts.approval),
        terminal,
        terminal || status === 'awaiting_approval',
        terminal || status === 'awaiting_approval',
        runId,
        ...(opts.from ? [opts.from] : []),
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
      (await this.records(em, runId, items.flatMap((i) => (i.step.saas_user_id ? [i.step.saas_user_id] : [])))).map((x) => [x.saas_user_id, x]),
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

  /** The records of `saasUserIds` (and, with `all`, every record of the run). */
  async records(em: EntityManager, runId: string, saasUserIds: string[], all = false): Promise<RecordRow[]> {
    return executeBound<RecordRow[]>(
      em,
      `select run_id, saas_user_id, saas_app_id, integration_id, external_id, email, person_id, halted_reason
       from run_record where run_id = ? and (saas_user_id = any(?::uuid[]) or ?::boolean)`,
      [runId, saasUserIds, all],
    );
  }

  /** Queues a run (status `planning`) for the worker to plan. */
  async queue(em: EntityManager, r: NewRun): Promise<void> {
    await em.execute(`insert into run (id, workflow_id, version, workflow_name, trigger, trigger_saas_user, dry_run, status) values (?, ?, ?, ?, ?, ?, ?, 'planning')`, [
      r.id,
      r.workflowId,
      r.version,
      r.name,
      r.trigger,
      r.saasUser ? JSON.stringify(r.saasUser) : null,
      r.dryRun,
    ]);
  }

  /** Up to `limit` runs, newest first, before the cursor's id, of one workflow and in one status when given. */
  async page(em: EntityManager, q: { workflowId: string | null; status: WorkflowRunStatus | null; before: string | null; limit: number }): Promise<RunRow[]> {
    return em.execute<RunRow[]>(
      `select * from run where (?::uuid is null or workflow_id = ?::uuid) and (?::text is null or status = ?::text) and (?::uuid is null or id < ?::uuid)
       order by id desc limit ?`,
      [q.workflowId, q.workflowId, q.status, q.status, q.before, q.before, q.limit],
    );
  }

  /** Up to `limit` steps of a run by id, after the cursor's, each with its record's external id and email. */
  async stepsPage(em: EntityManager, q: { runId: string; status: WorkflowStepStatus | null; after: string | null; limit: number }): Promise<StepWithAccount[]> {
    return em.execute<StepWithAccount[]>(
      `select s.*, r.external_id, r.email from step s left join run_record r on r.run_id = s.run_id and r.saas_user_id = s.saas_user_id
       where s.run_id = ? and (?::text is null or s.status = ?::text) and (?::uuid is null or s.id > ?::uuid) order by s.id limit ?`,
      [q.runId, q.status, q.status, q.after, q.after, q.limit],
    );
  }

  /** A dry run that is applied becomes a real one. */
  async markApplied(em: EntityManager, runId: string): Promise<void> {
    await em.execute(`update run set dry_run = false where id = ?`, [runId]);
  }

  /** A run's plan as the blast-radius gate reads it: each record's app and each step's action. */
  async planOf(em: EntityManager, runId: string): Promise<{ records: { id: string; saasAppId: string }[]; steps: { action: string; saasUserId: string | null }[] }> {
    const records = await em.execute<{ id: string; saasAppId: string }[]>(`select saas_user_id as id, saas_app_id as "saasAppId" from run_record where run_id = ?`, [runId]);
    const steps = await em.execute<{ action: string; saasUserId: string | null }[]>(`select action, saas_user_id as "saasUserId" from step where run_id = ?`, [runId]);
    return { records, steps };
  }

  /** The gate `key` was approved: the run passes it from now on. */
  async approveGate(em: EntityManager, runId: string, key: string): Promise<void> {
    await em.execute(`update run set approved_gates = array_append(approved_gates, ?) where id = ?`, [key, runId]);
  }

  async setRecordCount(em: EntityManager, runId: string, records: number): Promise<void> {
    await em.execute(`update run set records = ? where id = ?`, [records, runId]);
  }

  /** The run's failed steps back to planned; answers which they were. */
  async replanFailed(em: EntityManager, runId: string): Promise<{ id: string; saas_user_id: string | null }[]> {
    return em.execute<{ id: string; saas_user_id: string | null }[]>(
      `update step set status = 'planned', reason = null where run_id = ? and status = 'failed' returning id, saas_user_id`,
      [runId],
    );
  }

  /** The steps of these records skipped only because an earlier step did not succeed, planned again; the records no longer halted. */
  async replanUnreached(em: EntityManager, runId: string, saasUserIds: string[]): Promise<void> {
    await executeBound(em, `update step set status = 'planned', reason = null where run_id = ? and status = 'skipped' and reason like 'not reached:%' and saas_user_id = any(?::uuid[])`, [runId, saasUserIds]);
    await this.unhalt(em, runId, saasUserIds);
  }

  /** The records are no longer halted (a retry, or a failure branch planned for them). */
  async unhalt(em: EntityManager, runId: string, saasUserIds: string[]): Promise<void> {
    await executeBound(em, `update run_record set halted_reason = null where run_id = ? and saas_user_id = any(?::uuid[])`, [runId, saasUserIds]);
  }

  /** The record halted, for the first reason it did. */
  async halt(em: EntityManager, runId: string, saasUserId: string, reason: string): Promise<void> {
    await em.execute(`update run_record set halted_reason = coalesce(halted_reason, ?) where run_id = ? and saas_user_id = ?`, [reason.slice(0, 2000), runId, saasUserId]);
  }

  /** The directory's SaaS user as it was when the run was planned. */
  async snapshot(em: EntityManager, runId: string, saasUserId: string): Promise<SaasUserView | null> {
    const rows = await em.execute<{ snapshot: SaasUserView }[]>(`select snapshot from run_record where run_id = ? and saas_user_id = ?`, [runId, saasUserId]);
    return rows[0]?.snapshot ?? null;
  }

  /** The plan's records, in chunks of 2,000 rows per statement. */
  async insertRecords(em: EntityManager, runId: string, records: NewRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += 2000) {
      await em.execute(
        `insert into run_record (run_id, saas_user_id, saas_app_id, integration_id, external_id, email, person_id, snapshot)
         select ?, saas_user_id, saas_app_id, integration_id, external_id, email, person_id, snapshot
         from jsonb_to_recordset(?::jsonb) as t(saas_user_id uuid, saas_app_id uuid, integration_id uuid, external_id text, email text, person_id uuid, snapshot jsonb)`,
        [runId, JSON.stringify(records.slice(i, i + 2000))],
      );
    }
  }

  /** Planned steps, 2,000 per statement; a step whose idempotency key exists already is not planned twice. */
  async insertSteps(em: EntityManager, runId: string, steps: NewStep[]): Promise<void> {
    for (let i = 0; i < steps.length; i += 2000) {
      const chunk = steps.slice(i, i + 2000).map((s) => ({
        id: s.id,
        block_id: s.blockId,
        block_type: s.blockType,
        action: s.action,
        seq: s.seq,
        saas_user_id: s.saasUserId,
        detail: s.detail,
        idempotency_key: s.key,
      }));
      await em.execute(
        `insert into step (id, run_id, block_id, block_type, action, seq, saas_user_id, detail, idempotency_key)
         select id, ?, block_id, block_type, action, seq, saas_user_id, detail, idempotency_key
         from jsonb_to_recordset(?::jsonb) as t(id uuid, block_id text, block_type text, action text, seq int, saas_user_id uuid, detail jsonb, idempotency_key text)
         on conflict (idempotency_key) do nothing`,
        [runId, JSON.stringify(chunk)],
      );
    }
  }

  /** The lowest `seq` with a step still to do (planned or in progress); null when none is left. */
  async nextSeq(em: EntityManager, runId: string): Promise<number | null> {
    const rows = await em.execute<{ seq: number | null }[]>(`select min(seq) as seq from step where run_id = ? and status in ('planned','in_progress')`, [runId]);
    return rows[0]?.seq ?? null;
  }

  /** The steps still to do at `seq`, by id. */
  async openStepsAt(em: EntityManager, runId: string, seq: number): Promise<StepRow[]> {
    return em.execute<StepRow[]>(`select * from step where run_id = ? and seq = ? and status in ('planned','in_progress') order by id`, [runId, seq]);
  }

  /** A block's steps still to do, by id. */
  async openStepsOfBlock(em: EntityManager, runId: string, blockId: string): Promise<StepRow[]> {
    return em.execute<StepRow[]>(`select * from step where run_id = ? and block_id = ? and status in ('planned','in_progress') order by id`, [runId, blockId]);
  }

  async step(em: EntityManager, runId: string, stepId: string): Promise<StepRow | null> {
    const rows = await em.execute<StepRow[]>(`select * from step where id = ? and run_id = ?`, [stepId, runId]);
    return rows[0] ?? null;
  }

  /** The step is being acted on: in progress, one attempt more, started (the first time). */
  async startStep(em: EntityManager, stepId: string): Promise<void> {
    await em.execute(`update step set status = 'in_progress', attempts = attempts + 1, started_at = coalesce(started_at, now()) where id = ?`, [stepId]);
  }

  /** Many steps in progress at once, each with what was learnt for it merged into its detail. */
  async startSteps(em: EntityManager, steps: { id: string; detail: Record<string, unknown> }[]): Promise<void> {
    await em.execute(
      `update step s set status = 'in_progress', attempts = attempts + 1, started_at = coalesce(started_at, now()), detail = coalesce(s.detail, '{}'::jsonb) || i.detail
       from jsonb_to_recordset(?::jsonb) as i(id uuid, detail jsonb) where s.id = i.id`,
      [JSON.stringify(steps)],
    );
  }

  /** `patch` merged into the step's detail (the keys it names replace the stored ones). */
  async mergeStepDetail(em: EntityManager, stepId: string, patch: Record<string, unknown>): Promise<void> {
    await em.execute(`update step set detail = coalesce(detail, '{}'::jsonb) || ?::jsonb where id = ?`, [JSON.stringify(patch), stepId]);
  }

  /** Approvals past their expiry, still waiting. */
  async expiredApprovals(em: EntityManager): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(`select id from run where status = 'awaiting_approval' and (approval->>'expiresAt')::timestamptz < now()`);
    return rows.map((r) => r.id);
  }

  /**
   * Leases the oldest run to plan or continue whose lease is free or expired, FOR UPDATE SKIP
   * LOCKED so that replicas never take one run twice; answers its id, or null when none waits.
   */
  async claimLease(em: EntityManager, owner: string, leaseMs: number): Promise<string | null> {
    const rows = await em.execute<{ id: string }[]>(
      `update run set lease_owner = ?, lease_until = now() + (? || ' milliseconds')::interval
       where id = (select id from run where status in ('planning','running') and (lease_until is null or lease_until < now())
                   order by created_at limit 1 for update skip locked)
       returning id`,
      [owner, String(leaseMs)],
    );
    return rows[0]?.id ?? null;
  }

  /** The lease renewed for `leaseMs`; false when `owner` no longer holds it. */
  async renewLease(em: EntityManager, runId: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(`update run set lease_until = now() + (? || ' milliseconds')::interval where id = ? and lease_owner = ? returning id`, [String(leaseMs), runId, owner]);
    return rows.length > 0;
  }

  /** The lease handed back; a run still to plan or continue is free again a second later. */
  async releaseLease(em: EntityManager, runId: string, owner: string): Promise<void> {
    await em.execute(`update run set lease_owner = null, lease_until = case when status in ('planning','running') then now() + interval '1 second' else null end where id = ? and lease_owner = ?`, [runId, owner]);
  }
}
