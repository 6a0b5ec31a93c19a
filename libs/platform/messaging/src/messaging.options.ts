export interface MessagingOptions {
  /** This service's name: the event `source`, the queue group and the durable consumer prefix. */
  service: string;
  natsUrl: string;
  natsUser?: string;
  natsPassword?: string;
  /** Prefix for subjects, stream and consumer names; isolates test runs and side-by-side stacks. */
  prefix?: string;
  requestTimeoutMs?: number;
  /** Stream names (`SYNC`, …) this service makes sure exist at start; producers list their own. */
  streams?: { name: string; subjects: string[] }[];
  relay?: Partial<RelayOptions>;
  consumer?: Partial<ConsumerOptions>;
  /** Start the outbox relay in this process (default true). */
  runRelay?: boolean;
}

export interface RelayOptions {
  /** Rows claimed per transaction. */
  batchSize: number;
  /** How long to wait before looking again when the outbox was empty. */
  idleDelayMs: number;
  /**
   * The wait doubles after each empty look, up to this: a commit that wrote outbox rows nudges
   * the relay at once, so the poll is only the fallback (another replica's rows, a lost nudge)
   * and an idle service need not open a transaction ten times a second.
   */
  maxIdleDelayMs: number;
  /** Longest wait between attempts while NATS is unreachable. */
  maxBackoffMs: number;
  /** Published rows are kept this long (a stream can be rebuilt from them), then deleted. */
  retentionMs: number;
}

export interface ConsumerOptions {
  /** Lanes per consumer: entities handled side by side (one entity's events always share a lane). */
  concurrency: number;
  /** Events a lane applies in one transaction at most (those that have queued up; no waiting for more). */
  batchSize: number;
  /** About this many payload bytes per batch at most (big events, e.g. pages of records, batch fewer). */
  batchBytes: number;
  /** After this many deliveries a failing message is dead-lettered and terminated. */
  maxDeliveries: number;
  /** Delay before redelivery after a transient failure, by delivery number (last one repeats). */
  backoffMs: number[];
  /** How long an event waits for its entity's predecessor before it is applied anyway. */
  gapWaitDeliveries: number;
  gapDelayMs: number;
  ackWaitMs: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  batchSize: 500,
  idleDelayMs: 100,
  maxIdleDelayMs: 1000,
  maxBackoffMs: 5000,
  retentionMs: 7 * 24 * 3600 * 1000,
};

export const DEFAULT_CONSUMER_OPTIONS: ConsumerOptions = {
  // As the services' EVENT_CONSUMER_CONCURRENCY default: on two cores fewer, larger batches won
  // (outbox bench: 16 lanes 4,400-4,900 events/s, 4 lanes 6,600).
  concurrency: 4,
  batchSize: 500,
  batchBytes: 1_000_000,
  maxDeliveries: 8,
  backoffMs: [500, 1000, 2000, 5000, 10_000, 30_000],
  gapWaitDeliveries: 6,
  gapDelayMs: 250,
  ackWaitMs: 30_000,
};

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
