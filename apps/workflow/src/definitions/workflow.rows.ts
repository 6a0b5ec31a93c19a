import type { WorkflowGraphDto, WorkflowStatus, WorkflowTrigger, WorkflowType, WorkflowVersionView, WorkflowView } from '@seatkeeper/contracts';

export interface Limits {
  maxPercent: number;
  maxCount: number;
}

/** DESIGN §4: a run may not delete or deactivate more than 10% of an app's SaaS users, nor more than 50, without an approval. */
export const DEFAULT_LIMITS: Limits = { maxPercent: 10, maxCount: 50 };

export interface WorkflowRow {
  id: string;
  name: string;
  description: string | null;
  type: WorkflowType;
  status: WorkflowStatus;
  draft_version: number;
  active_version: number | null;
  trigger: WorkflowTrigger | null;
  next_run_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface VersionRow {
  workflow_id: string;
  version: number;
  state: 'draft' | 'frozen';
  graph: WorkflowGraphDto;
  limits: Limits;
  created_at: Date;
}

export const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toWorkflowView(w: WorkflowRow, draft: VersionRow): WorkflowView {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    type: w.type,
    status: w.status,
    draftVersion: w.draft_version,
    activeVersion: w.active_version,
    trigger: w.trigger,
    nextRunAt: iso(w.next_run_at),
    graph: draft.graph,
    limits: draft.limits,
    createdAt: iso(w.created_at) as string,
    updatedAt: iso(w.updated_at) as string,
  };
}

export function toVersionView(v: VersionRow): WorkflowVersionView {
  return { workflowId: v.workflow_id, version: v.version, state: v.state, graph: v.graph, limits: v.limits, createdAt: iso(v.created_at) as string };
}
