/**
 * A per-key fixed-window counter (one minute). In memory, per gateway instance: with N replicas a
 * token may make up to N × limit requests a minute, which is fine for abuse protection; a shared
 * limit would need a round trip to Postgres or NATS KV on every request.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.startedAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.evictExpired(now);
      w = { startedAt: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= this.limit) return 0;
    return Math.max(1, Math.ceil((w.startedAt + this.windowMs - now) / 1000));
  }

  private evictExpired(now: number): void {
    for (const [key, w] of this.windows) if (now - w.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
