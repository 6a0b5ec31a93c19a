import { startPagerDutySimProcess } from '@seatkeeper/testing';
import { ACCEPT } from './helpers';

describe('startPagerDutySimProcess', () => {
  it('spawns the simulator with flags, serves on the printed URL, and stops', async () => {
    const sim = await startPagerDutySimProcess({ users: 42, seed: 5, rateLimit: 0, apiKeys: ['proc-key'] });
    try {
      const res = await fetch(`${sim.url}/users?total=true&limit=1`, { headers: { Authorization: 'Token token=proc-key', Accept: ACCEPT } });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
      expect(((await res.json()) as { total: number }).total).toBe(42);
    } finally {
      await sim.stop();
    }
    await expect(fetch(`${sim.url}/users`)).rejects.toThrow();
  }, 60_000);
});
