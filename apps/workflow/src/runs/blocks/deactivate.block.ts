import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { BlockConfigs } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { DirectoryClient } from '../../directory/directory.client';
import { RunsRepository } from '../runs.repository';
import { StepRouter } from '../step-router';
import type { BlockContext } from './block-context';
import { FreshnessGuard } from './freshness.guard';

/** Deactivate (directory only): marks each account deactivated with the block's reason; repeating it changes nothing. */
@Injectable()
export class DeactivateBlock {
  constructor(
    private readonly orm: MikroORM,
    private readonly directory: DirectoryClient,
    private readonly runs: RunsRepository,
    private readonly router: StepRouter,
    private readonly freshness: FreshnessGuard,
  ) {}

  async execute(ctx: BlockContext): Promise<void> {
    const cfg = ctx.graph.block(ctx.blockId).config as BlockConfigs['deactivate'];
    const refusal = await this.freshness.refusal([...ctx.records.values()].filter((r) => ctx.steps.some((s) => s.saas_user_id === r.saas_user_id)));
    if (refusal) {
      await this.orm.em.fork().transactional((em) => this.runs.transition(em, ctx.run.id, 'failed', { from: ['running'], reason: `Refused to deactivate: ${refusal}` }));
      return;
    }
    const reason = cfg.reason ?? `deactivated by workflow "${ctx.run.workflow_name}"`;
    for (const step of ctx.steps) {
      if (!(await ctx.shouldContinue())) return;
      let outcome: 'succeeded' | 'skipped' | 'failed' = 'succeeded';
      let why: string | null = null;
      try {
        await this.directory.deactivate(step.saas_user_id as string, reason);
      } catch (e) {
        if (!(e instanceof RpcException)) throw e;
        outcome = e.code === 'CONFLICT' ? 'skipped' : 'failed';
        why = `${e.code}: ${e.message}`;
      }
      await this.orm.em.fork().transactional((em) => this.router.finish(em, ctx.graph, ctx.run.id, [{ step, outcome, reason: why, detail: null }]));
    }
  }
}
