import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { WorkflowEnv } from '../config/workflow.env';
import { RunExecutor } from './run.executor';
import { RunsRepository } from './runs.repository';

/**
 * Takes runs to plan or continue under a lease (FOR UPDATE SKIP LOCKED, so replicas share the
 * work and never run one run twice), renews the lease while working, and hands a run back when
 * it stops. A worker that dies (SIGKILL) stops renewing; another takes the run over once the
 * lease expires. Also ends approvals that expired: the run acts on nobody.
 */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private working?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly executor: RunExecutor,
    private readonly runs: RunsRepository,
    private readonly env: WorkflowEnv,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), this.env.WORKFLOW_WORKER_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.working;
  }

  /** Look for work now (after a run was queued or approved here). */
  poke(): void {
    if (this.working || this.stopping) return;
    this.working = this.loop()
      .catch((e: unknown) => this.logger.warn({ err: (e as Error).message }, 'workflow worker pass failed; will retry'))
      .finally(() => (this.working = undefined));
  }

  private async loop(): Promise<void> {
    await this.expireApprovals();
    for (let runId = await this.claim(); runId && !this.stopping; runId = await this.claim()) {
      await this.work(runId);
    }
  }

  private async claim(): Promise<string | null> {
    const rows = await this.orm.em.fork().execute<{ id: string }[]>(
      `update run set lease_owner = ?, lease_until = now() + (? || ' milliseconds')::interval
       where id = (select id from run where status in ('planning','running') and (lease_until is null or lease_until < now())
                   order by created_at limit 1 for update skip locked)
       returning id`,
      [this.owner, String(this.env.WORKFLOW_RUN_LEASE_MS)],
    );
    return rows[0]?.id ?? null;
  }

  private async work(runId: string): Promise<void> {
    let held = true;
    const renew = setInterval(() => {
      void this.orm.em
        .fork()
        .execute<{ id: string }[]>(`update run set lease_until = now() + (? || ' milliseconds')::interval where id = ? and lease_owner = ? returning id`, [String(this.env.WORKFLOW_RUN_LEASE_MS), runId, this.owner])
        .then((r) => (held = r.length > 0 && !this.stopping))
        .catch(() => (held = false));
    }, Math.max(100, Math.floor(this.env.WORKFLOW_RUN_LEASE_MS / 3)));
    try {
      await this.executor.execute(runId, () => held && !this.stopping);
    } catch (e) {
      // Unexpected (a service down, a bug): the run stays where it is and is taken up again later.
      this.logger.warn({ runId, err: (e as Error).message }, 'workflow run pass failed; it will be resumed');
    } finally {
      clearInterval(renew);
      await this.orm.em.fork().execute(`update run set lease_owner = null, lease_until = case when status in ('planning','running') then now() + interval '1 second' else null end where id = ? and lease_owner = ?`, [runId, this.owner]);
    }
  }

  private async expireApprovals(): Promise<void> {
    const due = await this.orm.em.fork().execute<{ id: string }[]>(`select id from run where status = 'awaiting_approval' and (approval->>'expiresAt')::timestamptz < now()`);
    for (const { id } of due) {
      await this.orm.em.fork().transactional(async (em) => {
        if (await this.runs.transition(em, id, 'rejected', { from: ['awaiting_approval'], reason: 'The approval expired; the run acted on nobody past the gate' })) {
          await this.runs.skipPlanned(em, id, 'approval expired');
        }
      });
    }
  }
}
