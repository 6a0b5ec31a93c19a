import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SyncRunStartedV1 } from '@seatkeeper/contracts';
import { INSTANCE_ID, OutboxWriter } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { retryDelayMs } from './retry-delay';
import { RunExecutor } from './run.executor';
import type { RunRow } from './run.row';
import { RunsRepository } from './runs.repository';

/**
 * Claims runs of this replica's pool (queued ones, and ones a crashed replica left behind once
 * their lease ran out) and executes them, a bounded number at a time. A lease heartbeat keeps a
 * slow page from looking like a crash.
 */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly owner = `${INSTANCE_ID}:${process.pid}`;
  private readonly active = new Map<string, { done: Promise<void>; abort: AbortController }>();
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private polling?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly executor: RunExecutor,
    private readonly outbox: OutboxWriter,
    private readonly env: IntegrationSyncEnv,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), this.env.SYNC_WORKER_POLL_MS);
    this.poke();
  }

  /** Looks for work now (after "run now" or a schedule fired in this process). */
  poke(): void {
    if (this.stopping || this.polling) return;
    this.polling = this.claimWhileFree()
      .catch((e: unknown) => this.logger.warn({ err: (e as Error).message }, 'claiming runs failed; will retry'))
      .finally(() => (this.polling = undefined));
  }

  /** Stops between pages and lets another replica resume at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    for (const { abort } of this.active.values()) abort.abort();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  private async claimWhileFree(): Promise<void> {
    while (!this.stopping && this.active.size < this.env.SYNC_MAX_CONCURRENT_RUNS) {
      const claimed = await this.orm.em.fork().transactional(async (em) => {
        const c = await this.runs.claim(em, this.env.SYNC_RUNNER_POOL, this.owner, this.env.SYNC_RUN_LEASE_MS);
        if (c?.firstStart) {
          await this.outbox.add(em, SyncRunStartedV1, { runId: c.run.id, integrationId: c.run.integration_id, trigger: c.run.trigger });
        }
        return c;
      });
      if (!claimed) return;
      this.start(claimed.run);
    }
  }

  private start(run: RunRow): void {
    if (run.attempts > this.env.SYNC_RUN_MAX_ATTEMPTS) {
      // Every earlier runner stopped without finishing or handing over (a crash loop): stop trying.
      const last = run.errors[run.errors.length - 1]?.message;
      const reason = `gave up after ${run.attempts - 1} attempts${last ? `; last error: ${last}` : ' (the runner stopped each time without an error)'}`;
      this.track(run, this.executor.fail(run, this.owner, reason), new AbortController(), undefined);
      return;
    }
    const abort = new AbortController();
    const heartbeat = setInterval(() => {
      void this.runs
        .renewLease(this.orm.em.fork(), run.id, this.owner, this.env.SYNC_RUN_LEASE_MS)
        .then((owned) => {
          if (!owned) abort.abort();
        })
        .catch(() => undefined);
    }, Math.max(200, Math.floor(this.env.SYNC_RUN_LEASE_MS / 3)));
    this.track(run, this.executor.execute(run, this.owner, abort.signal), abort, heartbeat);
  }

  private track(run: RunRow, work: Promise<void>, abort: AbortController, heartbeat: NodeJS.Timeout | undefined): void {
    const done = work
      .catch((e: unknown) => this.onUnexpectedError(run, e))
      .finally(async () => {
        clearInterval(heartbeat);
        this.active.delete(run.id);
        if (this.stopping) await this.runs.releaseLease(this.orm.em.fork(), run.id, this.owner).catch(() => undefined);
        else this.poke();
      });
    this.active.set(run.id, { done, abort });
  }

  /**
   * Not a vendor error (those end the run incomplete or failed in the executor): a bug, the
   * database, the bus or the vault gone. Retried with back-off from the last checkpoint, a bounded number of
   * times, then the run is `failed` with the error, never retried forever.
   */
  private async onUnexpectedError(run: RunRow, e: unknown): Promise<void> {
    const message = `unexpected error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 1000);
    try {
      if (run.attempts >= this.env.SYNC_RUN_MAX_ATTEMPTS) {
        this.logger.error({ runId: run.id, err: message, attempts: run.attempts }, 'run failed on its last attempt; closing it as failed');
        await this.executor.fail(run, this.owner, `gave up after ${run.attempts} attempts; last error: ${message}`);
        return;
      }
      const retryInMs = retryDelayMs(e, run.attempts, this.env.SYNC_RUN_LEASE_MS);
      this.logger.error({ runId: run.id, err: message, attempts: run.attempts, retryInMs }, 'run execution failed; another attempt will resume it');
      await this.runs.recordAttemptError(this.orm.em.fork(), run.id, this.owner, message, retryInMs);
    } catch (inner) {
      // The database is likely what failed: the lease runs out and another attempt is counted at claim.
      this.logger.error({ runId: run.id, err: (inner as Error).message }, 'could not record the failed attempt');
    }
  }
}
