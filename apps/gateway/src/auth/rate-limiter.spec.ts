import { RateLimiter } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('allows `limit` requests per window per key, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
    now += 30_000;
    expect(limiter.take('a')).toBe(30);
    now += 30_000;
    expect(limiter.take('a')).toBe(0);
  });
});
