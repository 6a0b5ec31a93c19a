import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SyncRunCompletedV1 } from '@seatkeeper/contracts';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { RunsRepository } from './runs.repository';

/**
 * Closes runs stuck in `applying` because mapping never reported their batches applied (it was
 * down, or its report was lost): after SYNC_APPLY_TIMEOUT_MS they end `incomplete` with the reason,
 * so the integration can run again (one run at a time) and nobody reads a silent hang as success.
 */
@Injectable()
export class ApplyTimeoutSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly outbox: OutboxWriter,
    private readonly env: IntegrationSyncEnv,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    // Every replica sweeps (SKIP LOCKED); a period of a tenth of the timeout, within 1 s … 1 min.
    const every = Math.max(1000, Math.min(60_000, Math.floor(this.env.SYNC_APPLY_TIMEOUT_MS / 10)));
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((e: unknown) => {
          this.logger.warn({ err: (e as Error).message }, 'apply-timeout sweep failed; will retry');
          return 0;
        })
        .finally(() => (this.sweeping = undefined));
    }, every);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  /** Closes the timed-out runs; returns how many. */
  async sweep(): Promise<number> {
    const timeoutMs = this.env.SYNC_APPLY_TIMEOUT_MS;
    const reason = `mapping did not report the batches applied within ${Math.round(timeoutMs / 1000)} s`;
    const closed = await this.orm.em.fork().transactional(async (em) => {
      const rows = await this.runs.timeOutApplying(em, timeoutMs, reason);
      for (const r of rows) {
        await this.outbox.add(
          em,
          SyncRunCompletedV1,
          { runId: r.id, integrationId: r.integration_id, status: 'incomplete', fetched: r.fetched, pages: r.batches, quarantined: r.quarantined ?? 0, reason: (r.reason ?? reason).slice(0, 2000) },
          { entityKey: `sync-run:${r.id}` },
        );
      }
      return rows;
    });
    if (closed.length) {
        this.logger.warn({ runIds: closed.map((r) => r.id) }, 'runs timed out waiting for mapping; closed incomplete');
    }
    return closed.length;
  }
}
