import type {
  SaasUserView,
  WorkflowBlockType,
  WorkflowRunStatus,
  WorkflowRunView,
  WorkflowStepAction,
  WorkflowStepStatus,
  WorkflowStepView,
  WorkflowTrigger,
} from '@seatkeeper/contracts';
import { iso } from '../definitions/workflow.rows';

export interface Approval {
  kind: 'gate' | 'block';
  /** The gate's key (`plan` or `role:<blockId>`) or the Approval block's id. */
  key: string;
  blockId: string | null;
  expiresAt: string;
  destructive: number;
  limit: number;
}

export interface RunRow {
  id: string;
  workflow_id: string;
  version: number;
  workflow_name: string;
  trigger: WorkflowTrigger;
  trigger_saas_user: { saasAppId: string; externalId: string } | null;
  dry_run: boolean;
  status: WorkflowRunStatus;
  reason: string | null;
  records: number;
  approval: Approval | null;
  approved_gates: string[];
  created_at: Date;
  finished_at: Date | null;
}

export interface StepRow {
  id: string;
  run_id: string;
  block_id: string;
  block_type: WorkflowBlockType;
  action: WorkflowStepAction;
  seq: number;
  saas_user_id: string | null;
  status: WorkflowStepStatus;
  reason: string | null;
  detail: Record<string, unknown> | null;
  idempotency_key: string;
  attempts: number;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface RecordRow {
  run_id: string;
  saas_user_id: string;
  saas_app_id: string;
  integration_id: string | null;
  external_id: string;
  email: string | null;
  person_id: string | null;
  halted_reason: string | null;
}

export type StepWithAccount = StepRow & { external_id: string | null; email: string | null };

/** A run to queue (`RunsRepository.queue`). */
export interface NewRun {
  id: string;
  workflowId: string;
  version: number;
  name: string;
  trigger: WorkflowTrigger;
  dryRun: boolean;
  saasUser?: { saasAppId: string; externalId: string };
}

/** A record of a run's plan, with the directory's snapshot of its SaaS user. */
export interface NewRecord {
  saas_user_id: string;
  saas_app_id: string;
  integration_id: string | null;
  external_id: string;
  email: string | null;
  person_id: string | null;
  snapshot: SaasUserView;
}

/** A planned step (`RunsRepository.insertSteps`); `key` is its idempotency key. */
export interface NewStep {
  id: string;
  blockId: string;
  blockType: WorkflowBlockType;
  action: WorkflowStepAction;
  seq: number;
  saasUserId: string | null;
  detail: Record<string, unknown> | null;
  key: string;
}

export type StepCounts = { planned: number; succeeded: number; skipped: number; failed: number };

export const TERMINAL: readonly WorkflowRunStatus[] = ['planned', 'completed', 'failed', 'cancelled', 'rejected'];

export function toRunView(r: RunRow, counts: StepCounts): WorkflowRunView {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersion: r.version,
    trigger: r.trigger,
    dryRun: r.dry_run,
    status: r.status,
    reason: r.reason,
    counts: { records: r.records, ...counts },
    approval: r.approval && r.status === 'awaiting_approval'
      ? { kind: r.approval.kind, blockId: r.approval.blockId, expiresAt: r.approval.expiresAt, destructive: r.approval.destructive, limit: r.approval.limit }
      : null,
    createdAt: iso(r.created_at) as string,
    finishedAt: iso(r.finished_at),
  };
}

export function toStepView(s: StepWithAccount): WorkflowStepView {
  return {
    id: s.id,
    runId: s.run_id,
    blockId: s.block_id,
    blockType: s.block_type,
    action: s.action,
    status: s.status,
    saasUserId: s.saas_user_id,
    externalId: s.external_id,
    email: s.email,
    reason: s.reason,
    detail: s.detail,
    idempotencyKey: s.idempotency_key,
    attempts: s.attempts,
    startedAt: iso(s.started_at),
    finishedAt: iso(s.finished_at),
  };
}
