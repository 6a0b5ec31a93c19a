import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Graph } from '../graph/graph';
import { pathFrom } from './path';
import type { StepRow } from './run.rows';
import { RunsRepository, type FinishedStep } from './runs.repository';

/**
 * Outcomes and where a record goes next. A failed or skipped step halts the record's success
 * path (its later steps are skipped, with why) and, when the block has a failure link, plans
 * the failure branch for that record only: no record outside the plan is ever touched.
 */
@Injectable()
export class StepRouter {
  constructor(private readonly runs: RunsRepository) {}

  async finish(em: EntityManager, graph: Graph, runId: string, items: FinishedStep[]): Promise<void> {
    await this.runs.finishMany(em, runId, items);
    for (const i of items) {
      if (i.outcome === 'succeeded' || !i.step.saas_user_id) continue;
      await this.halt(em, runId, i.step.saas_user_id, `not reached: block "${i.step.block_id}" ${i.outcome}${i.reason ? ` (${i.reason})` : ''}`);
      const to = graph.follow(i.step.block_id, 'failure');
      if (to) await this.planBranch(em, graph, runId, i.step, to);
    }
  }

  /** The record's remaining planned steps are skipped; run-level blocks (Notify) leave it out. */
  async halt(em: EntityManager, runId: string, saasUserId: string, reason: string): Promise<void> {
    await this.runs.halt(em, runId, saasUserId, reason);
    await this.runs.skipPlanned(em, runId, reason, saasUserId);
  }

  private async planBranch(em: EntityManager, graph: Graph, runId: string, from: StepRow, to: string): Promise<void> {
    const saasUserId = from.saas_user_id as string; // finish() plans a branch only for a record's step
    const snapshot = await this.runs.snapshot(em, runId, saasUserId);
    if (!snapshot) return;
    await this.runs.unhalt(em, runId, [saasUserId]);
    const order = graph.order();
    const steps = pathFrom(graph, to, snapshot, new Date())
      .filter((p) => !p.runLevel) // a Notify or Approval on a failure branch runs for the run, not once per failed record
      .map((p) => ({ ...p, id: uuidv7(), seq: order.get(p.blockId) ?? 0, saasUserId: from.saas_user_id, key: `${runId}:${p.blockId}:${from.saas_user_id}:after-${from.block_id}` }));
    await this.runs.insertSteps(em, runId, steps);
  }
}
