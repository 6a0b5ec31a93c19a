import type { BlockConfigs, SaasUserView, WorkflowBlockType, WorkflowStepAction } from '@seatkeeper/contracts';
import { evaluate, type Rule } from '@seatkeeper/rules';
import type { Graph } from '../graph/graph';
import { ruleRecord } from '../graph/saas-user-fields';

export interface PlannedStep {
  blockId: string;
  blockType: WorkflowBlockType;
  action: WorkflowStepAction;
  /** Notify and Approval act once per run, for every record that reaches them. */
  runLevel: boolean;
  detail: Record<string, unknown> | null;
}

const ACTION: Record<WorkflowBlockType, WorkflowStepAction> = {
  begin: 'none',
  role_retrieval: 'retrieve_role',
  api: 'vendor_delete',
  deactivate: 'deactivate',
  condition: 'evaluate',
  notify: 'notify',
  approval: 'approve',
  end: 'none',
};

/**
 * The blocks one record passes through from `start`, following success links (and for a
 * Condition, the branch its rule gives on the record as planned). End and Begin make no step.
 * The graph is validated acyclic; `seen` guards anyway.
 */
export function pathFrom(graph: Graph, start: string | null, record: SaasUserView, now: Date): PlannedStep[] {
  const out: PlannedStep[] = [];
  const seen = new Set<string>();
  let id = start;
  while (id && !seen.has(id)) {
    seen.add(id);
    const b = graph.block(id);
    if (b.type === 'end') break;
    if (b.type === 'begin') {
      id = graph.follow(id, 'success');
      continue;
    }
    if (b.type === 'condition') {
      const result = evaluate((b.config as BlockConfigs['condition']).rule as unknown as Rule, ruleRecord(record), { now, resolve: (r, f) => (r as Record<string, unknown>)[f] });
      out.push({ blockId: b.id, blockType: b.type, action: 'evaluate', runLevel: false, detail: { result } });
      id = graph.follow(id, result ? 'true' : 'false');
      continue;
    }
    out.push({ blockId: b.id, blockType: b.type, action: ACTION[b.type], runLevel: b.type === 'notify' || b.type === 'approval', detail: null });
    id = graph.follow(id, 'success');
  }
  return out;
}
