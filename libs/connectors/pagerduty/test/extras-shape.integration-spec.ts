import { startPagerDutySimProcess, type PagerDutySimProcess } from '@seatkeeper/testing-infra';
import { initialCursor, PagerDutyConnector, pagerDutyEgress } from '../src';

/**
 * The extras reach mapping under PagerDuty's own names — the source fields mapping offers
 * (`last_sign_in_at`, `license`, `connector_sync_time`). A made-up name here means a mapping of
 * last activity silently maps nothing, and no one is ever found inactive.
 */
describe('PagerDuty records as mapping receives them', () => {
  let sim: PagerDutySimProcess;

  beforeAll(async () => {
    sim = await startPagerDutySimProcess({ users: 300, rateLimit: 0 });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('carries last sign-in, licence and sync time under the source field names mapping offers', async () => {
    const connector = new PagerDutyConnector({ region: 'us', baseUrl: sim.url, credential: { kind: 'token', secret: 'pd-sim-full-access-key' } }, { egress: pagerDutyEgress([sim.url]) });
    const page = await connector.nextUsersPage(initialCursor(), { teams: false, licence: true, lastSignIn: true }, 100);
    expect(page.records).toHaveLength(100);
    for (const r of page.records) {
      expect(r).toHaveProperty('last_sign_in_at');
      expect(r).toHaveProperty('license');
      expect(typeof r['connector_sync_time']).toBe('string');
      expect(r).not.toHaveProperty('lastActivityAt');
    }
    const signedIn = page.records.filter((r) => typeof r['last_sign_in_at'] === 'string');
    // Some users signed in (ISO timestamps), some never did (null stays null, never "inactive").
    expect(signedIn.length).toBeGreaterThan(0);
    expect(signedIn.length).toBeLessThan(page.records.length);
    expect(Number.isNaN(Date.parse(signedIn[0]!['last_sign_in_at'] as string))).toBe(false);
  });
});
