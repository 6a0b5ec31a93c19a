import { call, control, json, start, READ_ONLY_KEY, type Sim } from './helpers';

describe('rate limits', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await start({ users: 20, rateLimit: 3 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await control(sim.url, 'POST', '/_sim/reset', {});
    await control(sim.url, 'PUT', '/_sim/config', { rate_limit: 3, rate_window_ms: 60_000 });
  });

  it('sends ratelimit-* headers on every response and 429s past the limit with code 2020', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(sim.url, '/users');
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(r.headers.get('ratelimit-remaining') ?? '');
      const reset = Number(r.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await call(sim.url, '/users');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { message: 'Rate Limit Exceeded', code: 2020 } });
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('counts per key: another key has its own budget', async () => {
    for (let i = 0; i < 3; i++) await call(sim.url, '/users');
    expect((await call(sim.url, '/users')).status).toBe(429);
    expect((await call(sim.url, '/users', { key: READ_ONLY_KEY })).status).toBe(200);
  });

  it('can be switched off, which also drops the headers', async () => {
    await control(sim.url, 'PUT', '/_sim/config', { rate_limit: 0 });
    for (let i = 0; i < 5; i++) {
      const r = await call(sim.url, '/users');
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBeNull();
    }
    expect(json<{ rate_limit: { limit: number } }>(await control(sim.url, 'GET', '/_sim/state')).rate_limit.limit).toBe(0);
  });
});
