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
    return this.runs.claimLease(this.orm.em.fork(), this.owner, this.env.WORKFLOW_RUN_LEASE_MS);
  }

  private async work(runId: string): Promise<void> {
    let held = true;
    const renew = setInterval(() => {
      void this.runs
        .renewLease(this.orm.em.fork(), runId, this.owner, this.env.WORKFLOW_RUN_LEASE_MS)
        .then((renewed) => (held = renewed && !this.stopping))
        .catch(() => (held = false));
    }, Math.max(100, Math.floor(this.env.WORKFLOW_RUN_LEASE_MS / 3)));
    try {
      await this.executor.execute(runId, () => held && !this.stopping);
    } catch (e) {
      // Unexpected (a service down, a bug): the run stays where it is and is taken up again later.
      this.logger.warn({ runId, err: (e as Error).message }, 'workflow run pass failed; it will be resumed');
    } finally {
      clearInterval(renew);
      await this.runs.releaseLease(this.orm.em.fork(), runId, this.owner);
    }
  }

  private async expireApprovals(): Promise<void> {
    for (const id of await this.runs.expiredApprovals(this.orm.em.fork())) {
      await this.orm.em.fork().transactional(async (em) => {
        if (await this.runs.transition(em, id, 'rejected', { from: ['awaiting_approval'], reason: 'The approval expired; the run acted on nobody past the gate' })) {
          await this.runs.skipPlanned(em, id, 'approval expired');
        }
      });
    }
  }
}
