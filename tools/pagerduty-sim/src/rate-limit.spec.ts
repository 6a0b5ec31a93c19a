import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('counts down per bucket within a window and reports seconds to reset', () => {
    let now = 1_000_000;
    const rl = new RateLimiter(2, 60_000, () => now);
    expect(rl.take('a').headers).toEqual({ 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '60' });
    now += 15_500;
    expect(rl.take('a')).toEqual({ allowed: true, headers: { 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': '45' } });
    expect(rl.take('a').allowed).toBe(false);
    expect(rl.take('b').allowed).toBe(true);
    now += 44_500;
    expect(rl.take('a')).toMatchObject({ allowed: true, headers: { 'ratelimit-remaining': '1', 'ratelimit-reset': '60' } });
  });

  it('is off at limit 0', () => {
    const rl = new RateLimiter(0, 60_000);
    expect(rl.take('a')).toEqual({ allowed: true, headers: {} });
  });
});
