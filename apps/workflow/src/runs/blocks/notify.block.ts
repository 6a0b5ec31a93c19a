import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { BlockConfigs } from '@seatkeeper/contracts';
import { WorkflowEnv } from '../../config/workflow.env';
import { StepRouter } from '../step-router';
import type { BlockContext } from './block-context';

/**
 * Notify: one webhook per run, a JSON body (the block's, with `run` and `records` added) naming
 * the records that reached the block. The step's idempotency key goes in `Idempotency-Key`, so
 * a receiver can drop the repeat a crash between sending and storing could cause.
 */
@Injectable()
export class NotifyBlock {
  constructor(
    private readonly orm: MikroORM,
    private readonly router: StepRouter,
    private readonly env: WorkflowEnv,
  ) {}

  async execute(ctx: BlockContext): Promise<void> {
    const cfg = ctx.graph.block(ctx.blockId).config as BlockConfigs['notify'];
    for (const step of ctx.steps) {
      const planned = ((step.detail?.['records'] as string[] | undefined) ?? []).filter((id) => !ctx.records.get(id)?.halted_reason);
      const records = planned.map((id) => ctx.records.get(id)).map((r) => ({ saasUserId: r?.saas_user_id, externalId: r?.external_id, email: r?.email }));
      const body = { ...(cfg.body ?? {}), run: { id: ctx.run.id, workflowId: ctx.run.workflow_id, workflowName: ctx.run.workflow_name, trigger: ctx.run.trigger }, records };
      let outcome: 'succeeded' | 'failed' = 'succeeded';
      let reason: string | null = null;
      let status: number | null = null;
      try {
        const res = await fetch(cfg.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': step.idempotency_key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.env.WORKFLOW_NOTIFY_TIMEOUT_MS),
          redirect: 'error',
        });
        status = res.status;
        if (!res.ok) {
          outcome = 'failed';
          reason = `the webhook answered ${res.status}`;
        }
      } catch (e) {
        outcome = 'failed';
        reason = `the webhook could not be reached (${(e as Error).name})`;
      }
      await this.orm.em.fork().transactional((em) => this.router.finish(em, ctx.graph, ctx.run.id, [{ step, outcome, reason, detail: { status, sent: records.length } }]));
    }
  }
}
