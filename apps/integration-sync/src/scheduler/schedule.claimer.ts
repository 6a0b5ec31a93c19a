import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { nextRunAt } from '../integrations/schedule';
import { RunWorker } from '../runs/run.worker';
import { RunsRepository } from '../runs/runs.repository';

/**
 * Fires due schedules. The due integrations are locked with FOR UPDATE SKIP LOCKED and moved to
 * their next time in the same transaction that queues the run, so with any number of replicas
 * each due time queues exactly one run. A schedule due while a run is still going is skipped.
 */
/** At most this many due integrations per tick; the rest are claimed by the next tick. */
const DUE_PER_TICK = 50;

@Injectable()
export class ScheduleClaimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
    private readonly integrations: IntegrationsRepository,
    private readonly runs: RunsRepository,
    private readonly worker: RunWorker,
    private readonly env: IntegrationSyncEnv,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.SYNC_SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((e: unknown) => {
          this.logger.warn({ err: (e as Error).message }, 'schedule tick failed; will retry');
          return 0;
        })
        .finally(() => (this.ticking = undefined));
    }, this.env.SYNC_SCHEDULER_TICK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /** Queues the runs that are due now; returns how many it queued. */
  async tick(now = new Date()): Promise<number> {
    const queued = await this.orm.em.fork().transactional(async (em) => {
      const due = await this.integrations.lockDue(em, this.env.SYNC_RUNNER_POOL, now, DUE_PER_TICK);
      let count = 0;
      for (const row of due) {
        await this.integrations.setNextRunAt(em, row.id, nextRunAt(row.schedule, now));
        const run = await this.runs.queue(em, row.id, row.runner_pool, 'schedule');
        if (run) count++;
        else this.logger.info({ integrationId: row.id }, 'schedule due while a run is going; skipped');
      }
      return count;
    });
    if (queued) this.worker.poke();
    return queued;
  }
}
