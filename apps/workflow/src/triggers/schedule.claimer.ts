import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { BlockConfigs } from '@seatkeeper/contracts';
import { PinoLogger } from 'nestjs-pino';
import { WorkflowEnv } from '../config/workflow.env';
import { WorkflowsRepository } from '../definitions/workflows.repository';
import { nextFireAt } from '../graph/begin-schedule';
import { Graph } from '../graph/graph';
import { RunWorker } from '../runs/run.worker';
import { RunsRepository } from '../runs/runs.repository';
import { RunsService } from '../runs/runs.service';

/**
 * Fires due workflow schedules. Due workflows are locked FOR UPDATE SKIP LOCKED and moved to
 * their next time in the transaction that queues the run, so with any number of replicas each
 * due time queues one run. A time that comes while a run of the workflow is still going is skipped.
 */
@Injectable()
export class ScheduleClaimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
    private readonly workflows: WorkflowsRepository,
    private readonly runsRepository: RunsRepository,
    private readonly runs: RunsService,
    private readonly worker: RunWorker,
    private readonly env: WorkflowEnv,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.WORKFLOW_SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((e: unknown) => {
          this.logger.warn({ err: (e as Error).message }, 'workflow schedule tick failed; will retry');
          return 0;
        })
        .finally(() => (this.ticking = undefined));
    }, this.env.WORKFLOW_SCHEDULER_TICK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  async tick(now = new Date()): Promise<number> {
    const queued = await this.orm.em.fork().transactional(async (em) => {
      const due = await this.workflows.claimDue(em, now, 50);
      let count = 0;
      for (const w of due) {
        // An active workflow always has an active version (launch sets both).
        const activeVersion = w.activeVersion as number;
        const version = await this.workflows.version(em, w.id, activeVersion);
        const begin = new Graph(version.graph).begin().config as BlockConfigs['begin'];
        w.nextRunAt = begin.schedule ? nextFireAt(begin.schedule, now) : null;
        await this.workflows.save(em);
        if (await this.runsRepository.hasOpenRun(em, w.id)) {
          this.logger.info({ workflowId: w.id }, 'workflow schedule due while a run is going; skipped');
          continue;
        }
        await this.runs.queue(em, { workflowId: w.id, version: activeVersion, name: w.name, trigger: 'schedule', dryRun: false });
        count++;
      }
      return count;
    });
    if (queued) this.worker.poke();
    return queued;
  }
}
