import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expectEventually, startPagerDutySimProcess, startServiceForTest, testInfra, workspaceRoot, type PagerDutySimProcess } from '@seatkeeper/testing';
import { integrationSyncService } from '../src/service-definition';
import { FAST_ENV, batchRecordIds, pagesCommitted, simControl, sql, startRun, waitForRun, type Sync } from './helpers';

// Acceptance: the integration-sync process is SIGKILLed mid-run; a new instance on the same
// database and bus prefix takes the run over when its lease runs out and finishes it with every
// user on the batch events exactly once, the batch sequence gap-free.
const USERS = 2_500;
const KEY = 'crash-key';

function spawnRunner(sync: Sync, pool: string, simUrl: string): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/integration-sync/src/main.ts'], {
    cwd: workspaceRoot(),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...FAST_ENV,
      DATABASE_URL: sync.db.url,
      NATS_URL: testInfra().natsUrl,
      NATS_SUBJECT_PREFIX: sync.prefix,
      INTERNAL_PORT: '0',
      LOG_LEVEL: 'silent',
      SYNC_RUNNER_POOL: pool,
      SYNC_ALLOWED_BASE_URLS: simUrl,
      SYNC_RATE_LIMIT_PER_MINUTE: '0',
      SYNC_SCHEDULER_ENABLED: 'false',
      PD_CRASH_KEY: KEY,
    },
  });
}

describe('integration-sync: a runner killed mid-run', () => {
  let sim: PagerDutySimProcess;
  let control: Sync; // pool "control": answers RPC, never claims the run
  let resumer: Sync | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    process.env['PD_CRASH_KEY'] = KEY;
    sim = await startPagerDutySimProcess({ users: USERS, rateLimit: 0, apiKeys: [KEY], seed: 5 });
    control = await startServiceForTest(integrationSyncService, { ...FAST_ENV, SYNC_ALLOWED_BASE_URLS: sim.url, SYNC_RUNNER_POOL: 'control', SYNC_SCHEDULER_ENABLED: 'false' });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await resumer?.stop();
    await control?.stop();
    await sim?.stop();
  });

  it('resumes from the last checkpoint with no duplicate and no gap', async () => {
    // Slow pages, so the kill lands mid-run.
    await simControl(sim.url, 'POST', '/_sim/faults', { type: 'latency', endpoint: 'GET /users', latency_ms: 150 });
    child = spawnRunner(control, 'crashy', sim.url);
    const { runId } = await startRun(control, sim.url, 'PD_CRASH_KEY', { runnerPool: 'crashy' });

    await expectEventually(async () => expect(await pagesCommitted(control, runId)).toBeGreaterThanOrEqual(4), { timeoutMs: 60_000, intervalMs: 100 });
    child.kill('SIGKILL');
    await once(child, 'exit');
    const atCrash = await pagesCommitted(control, runId);
    expect(atCrash).toBeLessThan(USERS / 100);
    const [before] = await sql<{ status: string; owner: string | null }>(control, 'select status, owner from sync.run where id = $1', [runId]);
    expect(before).toMatchObject({ status: 'fetching', owner: expect.any(String) });

    await simControl(sim.url, 'DELETE', '/_sim/faults');
    resumer = await startServiceForTest(
      integrationSyncService,
      { ...FAST_ENV, SYNC_ALLOWED_BASE_URLS: sim.url, SYNC_RUNNER_POOL: 'crashy', SYNC_RATE_LIMIT_PER_MINUTE: '0', SYNC_SCHEDULER_ENABLED: 'false', PD_CRASH_KEY: KEY },
      { db: control.db, prefix: control.prefix },
    );
    const run = await waitForRun(control, runId, ['applying', 'failed', 'incomplete', 'completed'], 60_000);
    expect(run).toMatchObject({ status: 'applying', complete: true, reason: null });
    expect(run.counts.fetched).toBe(USERS);

    const ids = await batchRecordIds(control, runId);
    expect(ids).toHaveLength(USERS);
    expect(new Set(ids).size).toBe(USERS);
    const seqs = await sql<{ seq: number }>(
      control,
      `select (envelope::jsonb->'data'->>'seq')::int as seq from sync.outbox where subject = 'sync.batch.fetched.v1' and envelope::jsonb->'data'->>'runId' = $1 order by 1`,
      [runId],
    );
    expect(seqs.map((s) => s.seq)).toEqual(Array.from({ length: run.counts.pages }, (_, i) => i + 1));
    expect(run.counts.pages).toBeGreaterThan(atCrash);
    const [after] = await sql<{ attempts: number; started: number }>(
      control,
      `select attempts, (select count(*)::int from sync.outbox where subject = 'sync.run.started.v1' and envelope::jsonb->'data'->>'runId' = $1::text) as started from sync.run where id = $1::uuid`,
      [runId],
    );
    expect(after).toEqual({ attempts: 2, started: 1 });
  }, 120_000);
});
