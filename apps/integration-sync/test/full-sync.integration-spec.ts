import { SyncRunsStart, SyncIntegrationsDelete, SyncIntegrationsLaunch, SyncIntegrationsGet } from '@seatkeeper/contracts';
import { RemoteRpcError, RpcException } from '@seatkeeper/platform-messaging';
import { startPagerDutySimProcess, startServiceForTest, type PagerDutySimProcess } from '@seatkeeper/testing';
import type { NatsConnection } from 'nats';
import { integrationSyncService } from '../src/service-definition';
import { FAST_ENV, batchRecordIds, createIntegration, fakeMapping, rpc, sql, waitForRun, type Sync } from './helpers';

// Acceptance: 25,000 simulated users (past the 10,000-offset cap) arrive exactly once and the run
// is complete with the right counts; "run now" during a run is a 409; launch asks mapping.
const USERS = Number(process.env["FULL_SYNC_USERS"] ?? 25_000);
const KEY = 'full-sync-key';

describe('integration-sync: a full sync of 25,000 users', () => {
  let sim: PagerDutySimProcess;
  let sync: Sync;
  let mapping: NatsConnection | undefined;
  let syncedId: string | undefined;

  beforeAll(async () => {
    process.env['PD_FULL_SYNC_KEY'] = KEY;
    sim = await startPagerDutySimProcess({ users: USERS, rateLimit: 0, apiKeys: [KEY] });
    sync = await startServiceForTest(integrationSyncService, { ...FAST_ENV, SYNC_ALLOWED_BASE_URLS: sim.url, SYNC_RATE_LIMIT_PER_MINUTE: '0' });
  }, 60_000);

  afterAll(async () => {
    await mapping?.drain();
    await sync?.stop();
    await sim?.stop();
  });

  it('refuses to launch until mapping says the mapping is complete, then fetches every user exactly once', async () => {
    const integration = await createIntegration(sync, sim.url, 'PD_FULL_SYNC_KEY');
    syncedId = integration.id;
    expect(integration.status).toBe('draft');

    // No mapping service on the bus: refused with the reason.
    await expect(rpc(sync).request(SyncIntegrationsLaunch, { integrationId: integration.id })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('mapping service could not confirm'),
    });
    // Mapping says what is missing: refused with the list.
    mapping = await fakeMapping(sync.prefix, { ok: false, missing: ['a sync key for people', 'a mapping for person.email'] });
    const refused = await rpc(sync).request(SyncIntegrationsLaunch, { integrationId: integration.id }).catch((e: RpcException) => e);
    expect(refused).toBeInstanceOf(RemoteRpcError);
    expect(refused).toMatchObject({ code: 'INTEGRATION_NOT_READY', details: { missing: ['a sync key for people', 'a mapping for person.email'] } });
    await mapping.drain();

    mapping = await fakeMapping(sync.prefix, { ok: true, missing: [] });
    const launched = await rpc(sync).request(SyncIntegrationsLaunch, { integrationId: integration.id });
    expect(launched.status).toBe('active');
    expect(launched.nextRunAt).not.toBeNull();

    const started = await rpc(sync).request(SyncRunsStart, { integrationId: integration.id });
    await expect(rpc(sync).request(SyncRunsStart, { integrationId: integration.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    const run = await waitForRun(sync, started.id, ['applying', 'failed'], 120_000);
    expect(run).toMatchObject({ status: 'applying', complete: true, reason: null, progress: 1 });
    expect(run.counts.fetched).toBe(USERS);
    expect(run.counts.vendorTotal).toBe(USERS);

    const ids = await batchRecordIds(sync, started.id);
    expect(ids).toHaveLength(USERS);
    expect(new Set(ids).size).toBe(USERS);

    const pages = await sql<{ seqs: number; max: number; records: string }>(
      sync,
      'select count(*)::int as seqs, max(seq) as max, sum(records) as records from sync.run_page where run_id = $1',
      [started.id],
    );
    expect(pages[0]).toMatchObject({ seqs: run.counts.pages, max: run.counts.pages, records: String(USERS) });
    const ended = await sql<{ n: number }>(sync, `select count(*)::int as n from sync.outbox where subject = 'sync.run.fetched.v1' and envelope::jsonb->'data'->>'runId' = $1 and (envelope::jsonb->'data'->>'complete')::boolean`, [started.id]);
    expect(ended[0]?.n).toBe(1);

    const view = await rpc(sync).request(SyncIntegrationsGet, { integrationId: integration.id });
    expect(view.lastRun).toMatchObject({ id: started.id, status: 'applying' });
  }, 170_000);

  it('refuses to delete an integration while its run is going (the run above waits for mapping to apply it)', async () => {
    const integrationId = syncedId as string;
    await expect(rpc(sync).request(SyncIntegrationsDelete, { integrationId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/has a run going \(.+, applying\)/),
    });
    await expect(rpc(sync).request(SyncIntegrationsGet, { integrationId })).resolves.toMatchObject({ id: integrationId });
  });
});
