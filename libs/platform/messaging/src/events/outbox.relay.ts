import type { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { Naming } from '../naming';
import type { RelayOptions } from '../messaging.options';
import type { Counter } from 'prom-client';
import { claimUnpublished, markPublished, purgePublished } from './outbox.repository';
import { PubAckBatch } from './pub-ack-batch';
import { RetryDelays } from './retry-delays';

const encoder = new TextEncoder();

/**
 * Publishes committed outbox rows to JetStream, oldest first, with `Nats-Msg-Id` = event id.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several replicas relay side by side without
 * publishing a row twice; a crash between publish and mark is covered by JetStream's dedupe.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPurge = 0;
  private readonly publisher: PubAckBatch;

  constructor(
    private readonly orm: MikroORM,
    nc: () => NatsConnection,
    private readonly naming: Naming,
    private readonly options: RelayOptions,
    private readonly logger: Logger,
    private readonly published?: Counter<string>,
  ) {
    this.publisher = new PubAckBatch(nc);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming new rows and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.publisher.close();
  }

  /** Looks at the outbox now instead of at the next poll (called after a local commit). */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes one batch; returns how many rows it published. Exposed for tests and benchmarks. */
  async relayOnce(): Promise<number> {
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      const rows = await claimUnpublished(tx, this.options.batchSize);
      if (rows.length === 0) return 0;
      // Sent in order on one connection, so the stream keeps the outbox order.
      const acks = await this.publisher.publish(
        rows.map((row) => ({ subject: this.naming.subject(row.subject), data: encoder.encode(row.envelope), msgId: row.eventId })),
        10_000,
      );
      await markPublished(tx, rows.map((r) => r.id));
      this.published?.inc(acks.length);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    const delays = new RetryDelays(this.options.idleDelayMs * 2, this.options.maxBackoffMs);
    let idle = this.options.idleDelayMs;
    while (this.running) {
      try {
        const count = await this.relayOnce();
        delays.reset();
        await this.purgeIfDue();
        // Empty: look again later, and later still while it stays empty (a nudge ends the wait).
        idle = count === 0 ? Math.min(idle * 2, Math.max(this.options.maxIdleDelayMs, this.options.idleDelayMs)) : this.options.idleDelayMs;
        // A full batch means more is waiting: go again at once.
        if (count < this.options.batchSize) await this.pause(count === 0 ? idle : this.options.idleDelayMs);
      } catch (e) {
        // NATS or Postgres away: the rows stay unpublished and are tried again, less often.
        this.logger.warn({ err: (e as Error).message }, 'outbox relay failed; will retry');
        await this.pause(delays.next());
      }
    }
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await purgePublished(this.orm.em.fork(), this.options.retentionMs);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
