import Bottleneck from 'bottleneck';

export interface RateBudgetOptions {
  /** The account's limit per minute for one key (PagerDuty: 960). 0 turns the bucket off (benchmarks, the unthrottled simulator). */
  accountLimitPerMinute: number;
  /** Share of that limit this connector may use, (0, 1]. Default 0.5 leaves the rest to the customer's other automations. */
  share: number;
  /** Below this many `ratelimit-remaining` the budget waits for `ratelimit-reset` (others are using the key too). */
  reserveFloor?: number;
}

export const DEFAULT_RATE_BUDGET: RateBudgetOptions = { accountLimitPerMinute: 960, share: 0.5 };

/**
 * The connector's share of one credential's rate limit: requests start at least 60 s / budget
 * apart (bottleneck's `minTime`) plus a gate set from PagerDuty's own `ratelimit-*` headers and
 * 429s. Every call made with the credential — sync pages and workflow actions alike — goes
 * through the same budget, because PagerDuty counts them against the same key.
 *
 * Why `minTime` and not a refilled reservoir: bottleneck refills a reservoir only on its
 * heartbeat (every 250 ms) and at most once per beat, so a refill interval below 250 ms (125 ms
 * for 480/min) silently became 250 ms — the budget paced at half its share. `minTime` schedules
 * each start from the previous one's slot, not from a timer, so the pace is the share exactly.
 */
export class RateBudget {
  private readonly limiter: Bottleneck;
  private blockedUntil = 0;
  readonly perMinute: number;

  constructor(readonly options: RateBudgetOptions = DEFAULT_RATE_BUDGET) {
    if (!(options.share > 0 && options.share <= 1)) throw new Error('rate budget share must be in (0, 1]');
    this.perMinute = options.accountLimitPerMinute > 0 ? Math.max(1, Math.floor(options.accountLimitPerMinute * options.share)) : 0;
    if (this.perMinute === 0) {
      this.limiter = new Bottleneck({ maxConcurrent: null });
    } else {
      this.limiter = new Bottleneck({ maxConcurrent: null, minTime: 60_000 / this.perMinute });
    }
  }

  /** Runs `fn` once its slot in the pace has come and no server-side wait is pending. */
  schedule<T>(fn: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(async () => {
      const wait = this.blockedUntil - Date.now();
      if (wait > 0) await delay(wait);
      return fn();
    });
  }

  /** Reads PagerDuty's rate-limit headers from any answer (429 or not). */
  observe(status: number, headers: Headers): void {
    const remaining = numberHeader(headers, 'ratelimit-remaining');
    const reset = numberHeader(headers, 'ratelimit-reset');
    const limit = numberHeader(headers, 'ratelimit-limit');
    const floor = this.options.reserveFloor ?? Math.max(1, Math.floor((limit ?? 960) * 0.02));
    if (status === 429) {
      // A 429 without headers happens; then the retry back-off alone spaces the next attempt.
      if (reset !== null) this.blockFor(reset * 1000);
      return;
    }
    if (remaining !== null && reset !== null && remaining < floor) this.blockFor(reset * 1000);
  }

  /** Milliseconds until the server-side gate opens (0 when open). */
  blockedForMs(): number {
    return Math.max(0, this.blockedUntil - Date.now());
  }

  async dispose(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: false });
  }

  private blockFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + Math.min(ms, 120_000));
  }
}

function numberHeader(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One budget per credential per process, so concurrent users of a key share it. */
export class RateBudgetRegistry {
  private readonly budgets = new Map<string, RateBudget>();

  constructor(private readonly defaults: RateBudgetOptions = DEFAULT_RATE_BUDGET) {}

  /** `key` identifies the credential (a hash of host and secret, never the secret itself). */
  for(key: string, options: RateBudgetOptions = this.defaults): RateBudget {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new RateBudget(options);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.budgets.values()].map((b) => b.dispose()));
    this.budgets.clear();
  }
}
