/** Fixed-window counter per credential, as PagerDuty's documented 960 requests/minute per key. */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    /** Requests per window; 0 turns limiting (and the headers) off. */
    public limit: number,
    public windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(bucket: string): RateDecision {
    if (this.limit <= 0) return { allowed: true, headers: {} };
    const now = this.now();
    let w = this.windows.get(bucket);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(bucket, w);
    }
    const allowed = w.count < this.limit;
    if (allowed) w.count++;
    return {
      allowed,
      headers: {
        'ratelimit-limit': String(this.limit),
        'ratelimit-remaining': String(Math.max(0, this.limit - w.count)),
        'ratelimit-reset': String(Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000))),
      },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
