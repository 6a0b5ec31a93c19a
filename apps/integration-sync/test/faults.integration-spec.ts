import { startPagerDutySimProcess, type PagerDutySimProcess } from '@seatkeeper/testing';
import { startServiceForTest } from '@seatkeeper/testing';
import { integrationSyncService } from '../src/service-definition';
import { FAST_ENV, batchRecordIds, simControl, sql, startRun, waitForRun, type Sync } from './helpers';

// Acceptance: simulator faults end a run completed after retries, or incomplete with the reason,
// never completed with users missing. Also: a run mapping never reports on times out incomplete,
// and an unexpected (non-vendor) error is retried a bounded number of times, then `failed`.
const USERS = 800;
const KEY = 'faults-key';

describe('integration-sync: vendor faults and stuck runs', () => {
  let sim: PagerDutySimProcess;
  let sync: Sync;

  beforeAll(async () => {
    process.env['PD_FAULTS_KEY'] = KEY;
    sim = await startPagerDutySimProcess({ users: USERS, rateLimit: 0, apiKeys: [KEY], seed: 11 });
    sync = await startServiceForTest(integrationSyncService, {
      ...FAST_ENV,
      SYNC_ALLOWED_BASE_URLS: sim.url,
      SYNC_RATE_LIMIT_PER_MINUTE: '0',
      SYNC_RETRY_MAX_ATTEMPTS: '6',
      SYNC_SCHEDULER_ENABLED: 'false',
      // No mapping runs in this test: fetched runs wait in `applying` until this timeout closes them.
      SYNC_APPLY_TIMEOUT_MS: '1000',
      SYNC_RUN_MAX_ATTEMPTS: '2',
    });
  }, 60_000);

  afterEach(async () => {
    await simControl(sim.url, 'DELETE', '/_sim/faults');
  });

  afterAll(async () => {
    await sync?.stop();
    await sim?.stop();
  });

  it('completes after retrying a 5xx share, a 429 burst, slow pages and one truncated page; mapping silence then times it out incomplete', async () => {
    await simControl(sim.url, 'POST', '/_sim/faults', [
      { type: 'error', endpoint: 'GET /users', share: 0.25, status: 503 },
      { type: 'rate_limit', endpoint: 'GET /users', count: 3, reset_seconds: 1 },
      { type: 'latency', endpoint: 'GET /users', share: 0.5, latency_ms: 150 },
      { type: 'truncate', endpoint: 'GET /users', count: 1 },
    ]);
    const { runId } = await startRun(sync, sim.url, 'PD_FAULTS_KEY');
    const fetched = await waitForRun(sync, runId, ['applying', 'incomplete', 'completed', 'failed'], 60_000);
    expect(fetched.complete).toBe(true);
    expect(fetched.counts.fetched).toBe(USERS);
    const ids = await batchRecordIds(sync, runId);
    expect(new Set(ids).size).toBe(USERS);
    expect(ids).toHaveLength(USERS);
    const log = (await simControl(sim.url, 'GET', '/_sim/requests')) as { recent: { status: number }[] };
    const statuses = new Set(log.recent.map((r) => r.status));
    expect(statuses).toContain(503);
    expect(statuses).toContain(429);

    // Mapping never answers: closed incomplete with the reason, its counts kept.
    const closed = await waitForRun(sync, runId, ['incomplete'], 15_000);
    expect(closed.reason).toMatch(/mapping did not report the batches applied within 1 s/);
    expect(closed.finishedAt).not.toBeNull();
    const events = await sql<{ status: string }>(
      sync,
      `select envelope::jsonb->'data'->>'status' as status from sync.outbox where subject = 'sync.run.completed.v1' and envelope::jsonb->'data'->>'runId' = $1`,
      [runId],
    );
    expect(events).toEqual([{ status: 'incomplete' }]);
  }, 90_000);

  it('ends incomplete with the reason, never completed, when pages stay truncated past the retries', async () => {
    await simControl(sim.url, 'POST', '/_sim/faults', { type: 'truncate', endpoint: 'GET /users', count: 1000 });
    const { runId } = await startRun(sync, sim.url, 'PD_FAULTS_KEY');
    const run = await waitForRun(sync, runId, ['applying', 'incomplete', 'completed', 'failed'], 60_000);
    expect(run.status).not.toBe('completed');
    expect(run.complete).toBe(false);
    expect(run.reason).toMatch(/^stopped fetching: /);
    expect(run.counts.fetched).toBeLessThan(USERS);
  }, 90_000);

  it('ends incomplete when a 5xx outage outlasts the retries', async () => {
    await simControl(sim.url, 'POST', '/_sim/faults', { type: 'error', endpoint: 'GET /users', count: 1000, status: 502 });
    const { runId } = await startRun(sync, sim.url, 'PD_FAULTS_KEY');
    const run = await waitForRun(sync, runId, ['applying', 'incomplete', 'completed', 'failed'], 60_000);
    expect(run).toMatchObject({ complete: false, counts: expect.objectContaining({ fetched: 0 }) });
    expect(run.reason).toMatch(/stopped fetching: .*502/);
  }, 90_000);

  it('retries an unexpected (non-vendor) error a bounded number of times, then fails the run with the reason', async () => {
    // Break the page table under the service: every page commit now throws a database error.
    await sql(sync, 'alter table sync.run_page rename to run_page_hidden');
    try {
      const { runId } = await startRun(sync, sim.url, 'PD_FAULTS_KEY');
      const run = await waitForRun(sync, runId, ['failed', 'applying', 'completed'], 30_000);
      expect(run.status).toBe('failed');
      expect(run.reason).toMatch(/^gave up after 2 attempts; last error: unexpected error: .*run_page/);
      expect(run.errors.filter((e) => e.message.startsWith('unexpected error')).length).toBeGreaterThanOrEqual(1);
      const attempts = await sql<{ attempts: number }>(sync, 'select attempts from sync.run where id = $1', [runId]);
      expect(attempts[0]?.attempts).toBe(2);
    } finally {
      await sql(sync, 'alter table sync.run_page_hidden rename to run_page');
    }
  }, 60_000);
});
