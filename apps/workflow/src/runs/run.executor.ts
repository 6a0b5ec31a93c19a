import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { WorkflowsRepository } from '../definitions/workflows.repository';
import { Graph } from '../graph/graph';
import { ApprovalBlock } from './blocks/approval.block';
import type { BlockContext } from './blocks/block-context';
import { DeactivateBlock } from './blocks/deactivate.block';
import { NotifyBlock } from './blocks/notify.block';
import { RoleRetrievalBlock } from './blocks/role-retrieval.block';
import { VendorDeleteBlock } from './blocks/vendor-delete.block';
import { Planner } from './planner';
import type { StepRow } from './run.rows';
import { RunsRepository } from './runs.repository';
import { StepRouter } from './step-router';

/**
 * Drives one run while this worker holds its lease: plans it, then executes its steps block by
 * block in the graph's topological order (every step of a block before the next block, so a
 * bulk block such as role retrieval acts on all its records at once). It stops when the run
 * leaves `running` (approval, cancel, failure) and marks it completed when no step is left.
 */
@Injectable()
export class RunExecutor {
  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly planner: Planner,
    private readonly workflows: WorkflowsRepository,
    private readonly router: StepRouter,
    private readonly roles: RoleRetrievalBlock,
    private readonly deletes: VendorDeleteBlock,
    private readonly deactivations: DeactivateBlock,
    private readonly notifications: NotifyBlock,
    private readonly approvals: ApprovalBlock,
  ) {}

  async execute(runId: string, leaseHeld: () => boolean): Promise<void> {
    for (let guard = 0; guard < 10_000 && leaseHeld(); guard++) {
      const em = this.orm.em.fork();
      const run = await this.runs.run(em, runId);
      if (run.status === 'planning') {
        await this.planner.plan(run);
        continue;
      }
      if (run.status !== 'running') return;
      const seq = await this.runs.nextSeq(em, runId);
      if (seq === null) {
        await this.orm.em.fork().transactional((tx) => this.runs.transition(tx, runId, 'completed', { from: ['running'] }));
        return;
      }
      const steps = await this.runs.openStepsAt(em, runId, seq);
      const blockId = (steps[0] as StepRow).block_id;
      const version = await this.workflows.version(em, run.workflow_id, run.version);
      // A run-level step (Notify, Approval) has no record of its own: it acts for all of them.
      const records = await this.runs.records(em, runId, steps.flatMap((s) => (s.saas_user_id ? [s.saas_user_id] : [])), steps.some((s) => !s.saas_user_id));
      const ctx: BlockContext = {
        run,
        graph: new Graph(version.graph),
        limits: version.limits,
        blockId,
        steps,
        records: new Map(records.map((r) => [r.saas_user_id, r])),
        shouldContinue: async () => leaseHeld() && (await this.runs.run(this.orm.em.fork(), runId)).status === 'running',
      };
      await this.block(ctx, (steps[0] as StepRow).action);
    }
  }

  private async block(ctx: BlockContext, action: StepRow['action']): Promise<void> {
    switch (action) {
      case 'retrieve_role':
        return this.roles.execute(ctx);
      case 'vendor_delete':
        return this.deletes.execute(ctx);
      case 'deactivate':
        return this.deactivations.execute(ctx);
      case 'notify':
        return this.notifications.execute(ctx);
      case 'approve':
        return this.approvals.execute(ctx);
      default:
        // Condition steps were decided when the plan was made: executing them records that outcome.
        await this.orm.em.fork().transactional((em) =>
          this.router.finish(em, ctx.graph, ctx.run.id, ctx.steps.map((step) => ({ step, outcome: 'succeeded' as const, reason: null, detail: null }))),
        );
    }
  }
}
