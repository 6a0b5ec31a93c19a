import type {
  CreateWorkflowRequest,
  UpdateWorkflowRequest,
  WorkflowGraphDto,
  WorkflowRunView,
  WorkflowStepRestoreView,
  WorkflowStepView,
  WorkflowVersionView,
  WorkflowView,
} from '@seatkeeper/contracts';
import type { DeletedWorkflowDto, WorkflowDto, WorkflowLimitsDto, WorkflowRunDto, WorkflowStepDto, WorkflowStepRestoreDto, WorkflowVersionDto } from './workflow-view.dto';
import type { CreateWorkflowDto, UpdateWorkflowDto, WorkflowGraphBodyDto, WorkflowLimitsBodyDto } from './workflows.dto';

/**
 * Block configs are snake_case in the API and camelCase in the contract. Only the keys the
 * workflow defines are renamed (a config's own keys and its schedule's); a `rule` (libs/rules) and a
 * Notify `body` (the user's JSON, sent as written) are passed through untouched.
 */
const toCamel = (k: string): string => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const toSnake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function renameKeys(obj: Record<string, unknown>, rename: (k: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
    out[rename(k)] = k === 'schedule' && isObject ? renameKeys(v as Record<string, unknown>, rename) : v;
  }
  return out;
}

export function toGraphRequest(g: WorkflowGraphBodyDto): WorkflowGraphDto {
  return {
    blocks: g.blocks.map((b) => ({ id: b.id, type: b.type, ...(b.name !== undefined ? { name: b.name } : {}), config: renameKeys(b.config, toCamel) })),
    links: g.links.map((l) => ({ from: l.from, to: l.to, branch: l.branch })),
  };
}

export function toGraphDto(g: WorkflowGraphDto): WorkflowGraphBodyDto {
  return {
    blocks: g.blocks.map((b) => ({ id: b.id, type: b.type, ...(b.name !== undefined ? { name: b.name } : {}), config: renameKeys(b.config, toSnake) })),
    links: g.links.map((l) => ({ from: l.from, to: l.to, branch: l.branch })),
  };
}

function toLimitsRequest(l: WorkflowLimitsBodyDto | undefined): { maxPercent?: number; maxCount?: number } | undefined {
  if (!l) return undefined;
  return { ...(l.max_percent !== undefined ? { maxPercent: l.max_percent } : {}), ...(l.max_count !== undefined ? { maxCount: l.max_count } : {}) };
}

const toLimitsDto = (l: { maxPercent: number; maxCount: number }): WorkflowLimitsDto => ({ max_percent: l.maxPercent, max_count: l.maxCount });

export function toCreateRequest(b: CreateWorkflowDto, actor: string): CreateWorkflowRequest {
  const limits = toLimitsRequest(b.limits);
  return {
    name: b.name,
    ...(b.description !== undefined ? { description: b.description } : {}),
    type: b.type,
    graph: toGraphRequest(b.graph),
    ...(limits ? { limits } : {}),
    actor,
  };
}

export function toUpdateRequest(workflowId: string, b: UpdateWorkflowDto, actor: string): UpdateWorkflowRequest {
  const limits = toLimitsRequest(b.limits);
  return {
    workflowId,
    ...(b.name !== undefined ? { name: b.name } : {}),
    ...(b.description !== undefined ? { description: b.description } : {}),
    ...(b.graph ? { graph: toGraphRequest(b.graph) } : {}),
    ...(limits ? { limits } : {}),
    actor,
  };
}

export function toWorkflowDto(w: WorkflowView): WorkflowDto {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    type: w.type,
    status: w.status,
    draft_version: w.draftVersion,
    active_version: w.activeVersion,
    trigger: w.trigger,
    next_run_at: w.nextRunAt,
    graph: toGraphDto(w.graph),
    limits: toLimitsDto(w.limits),
    created_at: w.createdAt,
    updated_at: w.updatedAt,
  };
}

export const toDeletedDto = (id: string, deleted: boolean): DeletedWorkflowDto => ({ id, deleted });

export function toVersionDto(v: WorkflowVersionView): WorkflowVersionDto {
  return { workflow_id: v.workflowId, version: v.version, state: v.state, graph: toGraphDto(v.graph), limits: toLimitsDto(v.limits), created_at: v.createdAt };
}

export function toRunDto(r: WorkflowRunView): WorkflowRunDto {
  return {
    id: r.id,
    workflow_id: r.workflowId,
    workflow_version: r.workflowVersion,
    trigger: r.trigger,
    dry_run: r.dryRun,
    status: r.status,
    reason: r.reason,
    counts: { ...r.counts },
    approval: r.approval
      ? { kind: r.approval.kind, block_id: r.approval.blockId, expires_at: r.approval.expiresAt, destructive: r.approval.destructive, limit: r.approval.limit }
      : null,
    created_at: r.createdAt,
    finished_at: r.finishedAt,
  };
}

export function toStepDto(s: WorkflowStepView): WorkflowStepDto {
  return {
    id: s.id,
    run_id: s.runId,
    block_id: s.blockId,
    block_type: s.blockType,
    action: s.action,
    status: s.status,
    saas_user_id: s.saasUserId,
    external_id: s.externalId,
    email: s.email,
    reason: s.reason,
    detail: s.detail,
    idempotency_key: s.idempotencyKey,
    attempts: s.attempts,
    started_at: s.startedAt,
    finished_at: s.finishedAt,
  };
}

export function toRestoreDto(r: WorkflowStepRestoreView): WorkflowStepRestoreDto {
  return {
    run_id: r.runId,
    step_id: r.stepId,
    saas_user_id: r.saasUserId,
    deleted_external_id: r.deletedExternalId,
    restored_external_id: r.restoredExternalId,
    restored_at: r.restoredAt,
    restored_by: r.restoredBy,
    already_restored: r.alreadyRestored,
    account_existed: r.accountExisted,
    contact_methods: r.contactMethods,
    notification_rules: r.notificationRules,
    teams: r.teams,
    re_add_manually: { schedules: r.reAddManually.schedules, escalation_policies: r.reAddManually.escalationPolicies },
  };
}
