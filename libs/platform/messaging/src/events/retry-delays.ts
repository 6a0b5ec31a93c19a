import { ExponentialBackoff, type IBackoff } from 'cockatiel';

/**
 * How long to wait before trying again while NATS or Postgres is away: growing up to a ceiling,
 * with jitter (cockatiel's exponential backoff), so the relay and the pull loops of several
 * replicas do not knock in step. A success starts the series over.
 */
export class RetryDelays {
  private readonly series: ExponentialBackoff<unknown>;
  private current?: IBackoff<unknown>;

  constructor(initialMs: number, maxMs: number) {
    this.series = new ExponentialBackoff({ initialDelay: initialMs, maxDelay: Math.max(maxMs, initialMs) });
  }

  /** The wait before the next attempt, after one more failure. */
  next(): number {
    this.current = this.current ? this.current.next(undefined) : this.series.next();
    return this.current.duration;
  }

  reset(): void {
    this.current = undefined;
  }
}
