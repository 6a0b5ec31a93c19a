import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import type { Schedule } from '../integrations/schedule';
import { nextRunAt } from '../integrations/schedule';
import { RunWorker } from '../runs/run.worker';
import { RunsRepository } from '../runs/runs.repository';

/**
 * Fires due schedules. The due integrations are locked with FOR UPDATE SKIP LOCKED and moved to
 * their next time in the same transaction that queues the run, so with any number of replicas
 * each due time queues exactly one run. A schedule due while a run is still going is skipped.
 */
@Injectable()
export class ScheduleClaimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
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
      const due = await em.execute<{ id: string; schedule: Schedule; runner_pool: string }[]>(
        `select id, schedule, runner_pool from integration
         where status = 'active' and runner_pool = ? and next_run_at <= ?
         order by next_run_at limit 50 for update skip locked`,
        [this.env.SYNC_RUNNER_POOL, now],
      );
      let count = 0;
      for (const row of due) {
        await em.execute('update integration set next_run_at = ? where id = ?', [nextRunAt(row.schedule, now), row.id]);
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
