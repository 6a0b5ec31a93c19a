import type { WorkflowBlockType, WorkflowStepAction } from '../../events/workflow/workflow-step-snapshot';
import type { WorkflowRunStatus, WorkflowTrigger } from '../../events/workflow/workflow-run-snapshot';
import type { SaasUserView } from '../directory/saas-users.request';
import type { WorkflowGraphDto } from './workflow-graph.dto';
import type { RestoreSkip } from '../sync/pagerduty-actions.request';

export const WORKFLOW_STATUSES = ['draft', 'active', 'paused'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const WORKFLOW_TYPES = ['saas_users'] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

/** One thing wrong with a graph, naming the block (null: the graph as a whole) and the field. */
export interface WorkflowProblem {
  blockId: string | null;
  /** e.g. `blocks.begin.config.schedule.cron`. */
  field: string;
  message: string;
}

export interface WorkflowVersionView {
  workflowId: string;
  version: number;
  /** `draft` until launched; a launched version is frozen. */
  state: 'draft' | 'frozen';
  graph: WorkflowGraphDto;
  limits: { maxPercent: number; maxCount: number };
  createdAt: string;
}

export interface WorkflowView {
  id: string;
  name: string;
  description: string | null;
  type: WorkflowType;
  status: WorkflowStatus;
  /** The version being edited (the newest). */
  draftVersion: number;
  /** The frozen version runs execute (null until the first launch). */
  activeVersion: number | null;
  trigger: WorkflowTrigger | null;
  nextRunAt: string | null;
  graph: WorkflowGraphDto;
  limits: { maxPercent: number; maxCount: number };
  createdAt: string;
  updatedAt: string;
}

export const WORKFLOW_STEP_STATUSES = ['planned', 'in_progress', 'succeeded', 'skipped', 'failed'] as const;
export type WorkflowStepStatus = (typeof WORKFLOW_STEP_STATUSES)[number];

export interface WorkflowRunView {
  id: string;
  workflowId: string;
  workflowVersion: number;
  trigger: WorkflowTrigger;
  dryRun: boolean;
  status: WorkflowRunStatus;
  reason: string | null;
  counts: { records: number; planned: number; succeeded: number; skipped: number; failed: number };
  /** Set while the run waits at the blast-radius gate or an Approval block. */
  approval: { kind: 'gate' | 'block'; blockId: string | null; expiresAt: string; destructive: number; limit: number } | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WorkflowStepView {
  id: string;
  runId: string;
  blockId: string;
  blockType: WorkflowBlockType;
  action: WorkflowStepAction;
  status: WorkflowStepStatus;
  saasUserId: string | null;
  externalId: string | null;
  email: string | null;
  reason: string | null;
  /** e.g. the role read, PagerDuty's refusal, the delete preflight (open incidents, schedules, escalation policies). */
  detail: Record<string, unknown> | null;
  idempotencyKey: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A kit item the restore did not recreate, and why. */
export type WorkflowRestoreSkip = RestoreSkip;

/** What a restore of a deleted account did; stored with the kit, answered again on a repeat. */
export interface WorkflowStepRestoreView {
  runId: string;
  stepId: string;
  saasUserId: string | null;
  /** The deleted account's vendor id. */
  deletedExternalId: string;
  /** The recreated account's vendor id (PagerDuty gives a new one). */
  restoredExternalId: string;
  restoredAt: string;
  restoredBy: string | null;
  /** True when this request found an earlier restore and changed nothing. */
  alreadyRestored: boolean;
  /** PagerDuty already had an account with the kit's email (a restore cut short); it was completed, not created again. */
  accountExisted: boolean;
  contactMethods: { created: number; kept: number; skipped: WorkflowRestoreSkip[] };
  notificationRules: { created: number; kept: number; skipped: WorkflowRestoreSkip[] };
  teams: { added: string[]; skipped: WorkflowRestoreSkip[] };
  /** Schedules and escalation policies the account was on before the delete: the API cannot safely re-add it (layers, rotations), so an admin does. */
  reAddManually: { schedules: { id: string; name: string | null }[]; escalationPolicies: { id: string; name: string | null }[] };
}

export interface WorkflowPreview {
  count: number;
  data: SaasUserView[];
  nextCursor: string | null;
}
