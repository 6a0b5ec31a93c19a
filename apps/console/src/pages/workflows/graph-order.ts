import type { Branch, GraphBlock, GraphLink, WorkflowGraph } from '../../api/workflow-types';

/** The order a reader follows: success before the other branches, so the main path reads top to bottom. */
const BRANCH_ORDER: Branch[] = ['success', 'true', 'false', 'failure'];

export interface OrderedBlock {
  block: GraphBlock;
  /** Its outgoing links, success first. */
  next: GraphLink[];
  /** False for a block no link from Begin reaches (validation names it too). */
  reachable: boolean;
}

/** Blocks breadth-first from Begin along their links; blocks Begin does not reach come last. */
export function orderFromBegin(graph: WorkflowGraph): OrderedBlock[] {
  const byId = new Map(graph.blocks.map((b) => [b.id, b]));
  const outgoing = (id: string) =>
    graph.links.filter((l) => l.from === id).sort((a, b) => BRANCH_ORDER.indexOf(a.branch) - BRANCH_ORDER.indexOf(b.branch));
  const seen = new Set<string>();
  const queue = graph.blocks.filter((b) => b.type === 'begin').map((b) => b.id);
  const out: OrderedBlock[] = [];
  while (queue.length) {
    const id = queue.shift() as string;
    const block = byId.get(id);
    if (!block || seen.has(id)) continue;
    seen.add(id);
    const next = outgoing(id);
    out.push({ block, next, reachable: true });
    queue.push(...next.map((l) => l.to));
  }
  for (const block of graph.blocks) if (!seen.has(block.id)) out.push({ block, next: outgoing(block.id), reachable: false });
  return out;
}
