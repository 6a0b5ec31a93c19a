import type { WorkflowBlockDto, WorkflowGraphDto, WorkflowLinkBranch } from '@seatkeeper/contracts';

/** Read-only helpers over a (validated) graph: blocks by id, where each branch leads, a topological order. */
export class Graph {
  readonly blocks = new Map<string, WorkflowBlockDto>();
  private readonly next = new Map<string, Map<WorkflowLinkBranch, string>>();

  constructor(readonly dto: WorkflowGraphDto) {
    for (const b of dto.blocks) this.blocks.set(b.id, b);
    for (const l of dto.links) {
      const out = this.next.get(l.from) ?? new Map<WorkflowLinkBranch, string>();
      out.set(l.branch, l.to);
      this.next.set(l.from, out);
    }
  }

  begin(): WorkflowBlockDto {
    const b = this.dto.blocks.find((x) => x.type === 'begin');
    if (!b) throw new Error('graph has no Begin block');
    return b;
  }

  block(id: string): WorkflowBlockDto {
    const b = this.blocks.get(id);
    if (!b) throw new Error(`graph has no block ${id}`);
    return b;
  }

  follow(from: string, branch: WorkflowLinkBranch): string | null {
    return this.next.get(from)?.get(branch) ?? null;
  }

  successors(from: string): string[] {
    return [...(this.next.get(from)?.values() ?? [])];
  }

  /** Position of each block in a topological order (Kahn); blocks on a cycle are absent. */
  order(): Map<string, number> {
    const indegree = new Map<string, number>([...this.blocks.keys()].map((id) => [id, 0]));
    for (const l of this.dto.links) if (indegree.has(l.to)) indegree.set(l.to, (indegree.get(l.to) ?? 0) + 1);
    const queue = this.dto.blocks.filter((b) => indegree.get(b.id) === 0).map((b) => b.id);
    const out = new Map<string, number>();
    while (queue.length) {
      const id = queue.shift() as string;
      out.set(id, out.size);
      for (const to of this.successors(id)) {
        if (!indegree.has(to)) continue;
        const d = (indegree.get(to) ?? 0) - 1;
        indegree.set(to, d);
        if (d === 0) queue.push(to);
      }
    }
    return out;
  }
}
