// The /api/v1/workflows shapes the console reads, as apps/gateway/openapi.json declares them
// (WorkflowDto, WorkflowRunDto, WorkflowStepDto, WorkflowPreviewDto).
import type { FieldError } from './problem';
import type { SaasUser } from './types';

export type BlockType = 'begin' | 'role_retrieval' | 'api' | 'deactivate' | 'condition' | 'notify' | 'approval' | 'end';
export type Branch = 'success' | 'failure' | 'true' | 'false';

export interface GraphBlock {
  id: string;
  type: BlockType;
  name?: string;
  config: Record<string, unknown>;
}

export interface GraphLink {
  from: string;
  to: string;
  branch: Branch;
}

export interface WorkflowGraph {
  blocks: GraphBlock[];
  links: GraphLink[];
}

export interface Workflow {
  id: string;
  name: string;
  description: string | null;
  type: 'saas_users';
  status: 'draft' | 'active' | 'paused';
  draft_version: number;
  active_version: number | null;
  trigger: string | null;
  next_run_at: string | null;
  graph: WorkflowGraph;
  limits: { max_percent: number; max_count: number };
  created_at: string;
  updated_at: string;
}

export type WorkflowRunStatus = 'planning' | 'planned' | 'awaiting_approval' | 'running' | 'completed' | 'failed' | 'cancelled' | 'rejected';
/** A run in one of these changes by itself (the worker): the console polls it. */
export const LIVE_WORKFLOW_RUN: readonly WorkflowRunStatus[] = ['planning', 'running'];
export const FINISHED_WORKFLOW_RUN: readonly WorkflowRunStatus[] = ['completed', 'failed', 'cancelled', 'rejected'];

export interface WorkflowRun {
  id: string;
  workflow_id: string;
  workflow_version: number;
  trigger: string;
  dry_run: boolean;
  status: WorkflowRunStatus;
  reason: string | null;
  counts: { records: number; planned: number; succeeded: number; skipped: number; failed: number };
  approval: { kind: 'gate' | 'block'; block_id: string | null; expires_at: string; destructive: number; limit: number } | null;
  created_at: string;
  finished_at: string | null;
}

export interface WorkflowStep {
  id: string;
  run_id: string;
  block_id: string;
  block_type: BlockType;
  action: string;
  status: 'planned' | 'in_progress' | 'succeeded' | 'skipped' | 'failed';
  saas_user_id: string | null;
  external_id: string | null;
  email: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
}

export interface WorkflowPreview {
  count: number;
  data: SaasUser[];
  next_cursor: string | null;
}

/** One entry of a 422 WORKFLOW_GRAPH_INVALID: the field and the block it is about (null: the whole graph). */
export interface GraphProblem extends FieldError {
  block_id?: string | null;
}
