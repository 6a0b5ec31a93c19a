import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { BlockConfigs } from '@seatkeeper/contracts';
import { RunsRepository } from '../runs.repository';
import { StepRouter } from '../step-router';
import type { BlockContext } from './block-context';

/** Approval: the run waits for an operator's decision (through the gateway) until the block's expiry; approved, the step succeeds. */
@Injectable()
export class ApprovalBlock {
  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly router: StepRouter,
  ) {}

  async execute(ctx: BlockContext): Promise<void> {
    const cfg = ctx.graph.block(ctx.blockId).config as BlockConfigs['approval'];
    for (const step of ctx.steps) {
      if (ctx.run.approved_gates.includes(`block:${ctx.blockId}`)) {
        await this.orm.em.fork().transactional((em) => this.router.finish(em, ctx.graph, ctx.run.id, [{ step, outcome: 'succeeded', reason: null, detail: { decision: 'approved' } }]));
        continue;
      }
      const hours = cfg.expiresInHours ?? 72;
      const records = (step.detail?.['records'] as string[] | undefined)?.length ?? 0;
      await this.orm.em.fork().transactional((em) =>
        this.runs.transition(em, ctx.run.id, 'awaiting_approval', {
          from: ['running'],
          reason: `Approval block "${ctx.blockId}" waits for an operator (${records} records)`,
          approval: { kind: 'block', key: `block:${ctx.blockId}`, blockId: ctx.blockId, expiresAt: new Date(Date.now() + hours * 3_600_000).toISOString(), destructive: records, limit: 0 },
        }),
      );
      return;
    }
  }
}
