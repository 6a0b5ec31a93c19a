import type { WorkflowVersionView, WorkflowView } from '@seatkeeper/contracts';
import type { WorkflowVersion } from './workflow-version.entity';
import type { Workflow } from './workflow.entity';

export interface Limits {
  maxPercent: number;
  maxCount: number;
}

/** DESIGN §4: a run may not delete or deactivate more than 10% of an app's SaaS users, nor more than 50, without an approval. */
export const DEFAULT_LIMITS: Limits = { maxPercent: 10, maxCount: 50 };

export const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toWorkflowView(w: Workflow, draft: WorkflowVersion): WorkflowView {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    type: w.type,
    status: w.status,
    draftVersion: w.draftVersion,
    activeVersion: w.activeVersion,
    trigger: w.trigger,
    nextRunAt: iso(w.nextRunAt),
    graph: draft.graph,
    limits: draft.limits,
    createdAt: iso(w.createdAt) as string,
    updatedAt: iso(w.updatedAt) as string,
  };
}

export function toVersionView(v: WorkflowVersion): WorkflowVersionView {
  return { workflowId: v.workflowId, version: v.version, state: v.state, graph: v.graph, limits: v.limits, createdAt: iso(v.createdAt) as string };
}
