import type { WorkflowVersionView, WorkflowView } from '@seatkeeper/contracts';
import type { WorkflowVersion } from './workflow-version.entity';
import type { Workflow } from './workflow.entity';

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
