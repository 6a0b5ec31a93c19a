import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { BlockConfigs } from '@seatkeeper/contracts';
import { PinoLogger } from 'nestjs-pino';
import { WorkflowEnv } from '../config/workflow.env';
import { DefinitionsService } from '../definitions/definitions.service';
import { nextFireAt } from '../graph/begin-schedule';
import { Graph } from '../graph/graph';
import { RunWorker } from '../runs/run.worker';
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
    private readonly definitions: DefinitionsService,
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
      const due = await em.execute<{ id: string; name: string; active_version: number }[]>(
        `select id, name, active_version from workflow where status = 'active' and trigger = 'schedule' and next_run_at <= ?
         order by next_run_at limit 50 for update skip locked`,
        [now],
      );
      let count = 0;
      for (const w of due) {
        const version = await this.definitions.version(em, w.id, w.active_version);
        const begin = new Graph(version.graph).begin().config as BlockConfigs['begin'];
        await em.execute(`update workflow set next_run_at = ? where id = ?`, [begin.schedule ? nextFireAt(begin.schedule, now) : null, w.id]);
        const busy = await em.execute<{ id: string }[]>(`select id from run where workflow_id = ? and status in ('planning','running','awaiting_approval') limit 1`, [w.id]);
        if (busy.length) {
          this.logger.info({ workflowId: w.id }, 'workflow schedule due while a run is going; skipped');
          continue;
        }
        await this.runs.queue(em, { workflowId: w.id, version: w.active_version, name: w.name, trigger: 'schedule', dryRun: false });
        count++;
      }
      return count;
    });
    if (queued) this.worker.poke();
    return queued;
  }
}
