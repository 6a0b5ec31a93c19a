import {
  SyncConnectorPagerDutyDeleteUser,
  SyncConnectorPagerDutyGetUser,
  SyncConnectorPagerDutyListUsers,
  SyncConnectorPagerDutyPreflightDelete,
  SyncConnectorPagerDutyRestoreUser,
  SyncConnectorPagerDutyTestCredential,
  SyncIntegrationsCreate,
  SyncIntegrationsSamplePage,
  SyncIntegrationsTest,
  SyncRunsStart,
  type CreateIntegrationRequest,
} from '@seatkeeper/contracts';
import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { startPagerDutySimProcess, startServiceForTest, type PagerDutySimProcess } from '@seatkeeper/testing';
import { ScheduleClaimer } from '../src/scheduler/schedule.claimer';
import { integrationSyncService } from '../src/service-definition';
import type { NatsConnection } from 'nats';
import { FAST_ENV, activate, answerOnPrefix, createIntegration, rpc, simControl, sql, startRun, waitForRun, type Sync } from './helpers';

// Acceptance: bad input over RPC gets a clear code naming the field; a local secret missing at run
// time fails the run with the reason; connector actions against the simulator; three replicas
// firing a due schedule at the same moment queue exactly one run.
const KEY = 'rpc-actions-key';
const EU_KEY = 'rpc-eu-account-key';
type Fixtures = Record<string, string>;

describe('integration-sync: bad input, connector actions and replicas', () => {
  let sim: PagerDutySimProcess;
  /** A second account standing in for an EU one: its key works there and nowhere else. */
  let euSim: PagerDutySimProcess;
  let sync: Sync;
  let fixtures: Fixtures;

  beforeAll(async () => {
    process.env['PD_RPC_ACTIONS_KEY'] = KEY;
    process.env['PD_RPC_EU_KEY'] = EU_KEY;
    [sim, euSim] = await Promise.all([
      startPagerDutySimProcess({ users: 400, rateLimit: 0, apiKeys: [KEY], seed: 3 }),
      startPagerDutySimProcess({ users: 5, rateLimit: 0, apiKeys: [EU_KEY], seed: 4 }),
    ]);
    sync = await startServiceForTest(integrationSyncService, {
      ...FAST_ENV,
      SYNC_ALLOWED_BASE_URLS: `${sim.url},${euSim.url}`,
      // The credential test's default host (the vault's test on save names none).
      SYNC_PAGERDUTY_BASE_URL: sim.url,
      SYNC_RETRY_MAX_ATTEMPTS: '2',
      SYNC_RATE_LIMIT_PER_MINUTE: '0',
      SYNC_SCHEDULER_ENABLED: 'false',
    });
    fixtures = (await simControl(sim.url, 'GET', '/_sim/fixtures')) as Fixtures;
  }, 60_000);

  afterAll(async () => {
    await sync?.stop();
    await Promise.all([sim?.stop(), euSim?.stop()]);
  });

  async function simUserIds(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ids.length < n; offset += 100) {
      const res = await fetch(`${sim.url}/users?limit=100&offset=${offset}`, {
        headers: { authorization: `Token token=${KEY}`, accept: 'application/vnd.pagerduty+json;version=2' },
      });
      ids.push(...((await res.json()) as { users: { id: string }[] }).users.map((u) => u.id));
    }
    return ids.slice(0, n);
  }

  const base = (): CreateIntegrationRequest => ({
    name: 'Bad input',
    vendor: 'pagerduty',
    recordType: 'user',
    installationType: 'local',
    localSecret: { kind: 'env', name: 'PD_RPC_ACTIONS_KEY' },
    region: 'us',
    baseUrl: sim.url,
  });

  async function refusal(req: CreateIntegrationRequest): Promise<RemoteRpcError> {
    const e = await rpc(sync).request(SyncIntegrationsCreate, req).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RemoteRpcError);
    return e as RemoteRpcError;
  }

  describe('bad input', () => {
    it('an unknown vendor is VALIDATION_FAILED naming vendor', async () => {
      const e = await refusal({ ...base(), vendor: 'okta' });
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toMatch(/vendor "okta" is not supported/);
    });

    it('an invalid schedule is VALIDATION_FAILED naming the schedule field', async () => {
      const e = await refusal({ ...base(), schedule: { kind: 'daily', timeOfDay: '25:61', timeZone: 'Mars/Olympus' } });
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.details).toEqual([expect.objectContaining({ field: 'schedule.timeOfDay' })]);
      const interval = await refusal({ ...base(), schedule: { kind: 'interval', intervalMinutes: 1 } });
      expect(interval.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(interval.details)).toMatch(/intervalMinutes/);
      const zone = await refusal({ ...base(), schedule: { kind: 'daily', timeOfDay: '02:00', timeZone: 'Mars/Olympus' } });
      expect(zone.code).toBe('VALIDATION_FAILED');
      expect(`${zone.message} ${JSON.stringify(zone.details)}`).toMatch(/timeZone|Mars\/Olympus/);
    });

    it('a cloud integration without a credential is VALIDATION_FAILED naming credentialId', async () => {
      const e = await refusal({ ...base(), installationType: 'cloud', localSecret: undefined });
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toMatch(/credentialId/);
    });

    it.each([
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:5432',
      'http://10.0.0.1/',
      'http://0x7f000001/',
      'http://user:pass@host/',
      'https://api.pagerduty.com.evil.example',
    ])('a base URL a credential may not be sent to (%s) is VALIDATION_FAILED naming baseUrl', async (baseUrl) => {
      const e = await refusal({ ...base(), baseUrl });
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toMatch(/^baseUrl: /);
      expect(e.message).not.toMatch(/pass@/);
    });

    it('a run whose stored base URL is not allowed (stored before the allowlist) fails and sends nothing', async () => {
      const integration = await createIntegration(sync, sim.url, 'PD_RPC_ACTIONS_KEY');
      await sql(sync, `update sync.integration set base_url = 'http://169.254.169.254/latest/meta-data' where id = $1`, [integration.id]);
      await activate(sync, integration.id);
      const { id: runId } = await rpc(sync).request(SyncRunsStart, { integrationId: integration.id });
      const run = await waitForRun(sync, runId, ['failed', 'applying', 'incomplete', 'completed'], 20_000);
      expect(run.status).toBe('failed');
      expect(run.reason).toMatch(/169\.254\.169\.254.* is not an allowed vendor base URL/);
      expect(run.counts.requests).toBe(0);
      const action = await rpc(sync).request(SyncConnectorPagerDutyGetUser, { integrationId: integration.id, userId: 'PAAAAAA' }).catch((err: unknown) => err);
      expect(action).toMatchObject({ code: 'VENDOR_ERROR', message: expect.stringMatching(/not an allowed vendor base URL/) });
    });

    it('a local secret reference that does not exist at run time fails the run with the reason', async () => {
      const { runId } = await startRun(sync, sim.url, 'PD_NOT_SET_ANYWHERE');
      const run = await waitForRun(sync, runId, ['failed', 'applying', 'completed'], 20_000);
      expect(run).toMatchObject({
        status: 'failed',
        reason: 'The local secret reference does not exist on this runner: environment variable PD_NOT_SET_ANYWHERE is not set',
      });
      expect(run.finishedAt).not.toBeNull();
    });
  });

  describe('connector actions', () => {
    let integrationId: string;
    beforeAll(async () => {
      integrationId = (await createIntegration(sync, sim.url, 'PD_RPC_ACTIONS_KEY')).id;
    });

    it('gets a user, and answers null for one PagerDuty does not know', async () => {
      const owner = fixtures['owner'];
      const got = await rpc(sync).request(SyncConnectorPagerDutyGetUser, { integrationId, userId: owner });
      expect(got.user).toMatchObject({ id: owner, role: 'owner' });
      const missing = await rpc(sync).request(SyncConnectorPagerDutyGetUser, { integrationId, userId: 'PZZZZZZ' });
      expect(missing.user).toBeNull();
    });

    it('lists users by id in ⌈N/100⌉ calls and names the ids PagerDuty does not know', async () => {
      const ids = await simUserIds(150);
      const res = await rpc(sync).request(SyncConnectorPagerDutyListUsers, { integrationId, userIds: [...ids, 'PZZZZZZ'] });
      expect(res.calls).toBe(Math.ceil((ids.length + 1) / 100));
      expect(res.users.map((u) => u.id).sort()).toEqual([...ids].sort());
      expect(res.missing).toEqual(['PZZZZZZ']);
    });

    it('deletes: 204 and then 404 both mean done, 400 carries PagerDuty reasons', async () => {
      const victim = fixtures['deletable'];
      await expect(rpc(sync).request(SyncConnectorPagerDutyDeleteUser, { integrationId, userId: victim })).resolves.toMatchObject({ outcome: 'deleted' });
      await expect(rpc(sync).request(SyncConnectorPagerDutyDeleteUser, { integrationId, userId: victim })).resolves.toMatchObject({ outcome: 'already-absent' });
      const owner = fixtures['owner'];
      const refused = await rpc(sync).request(SyncConnectorPagerDutyDeleteUser, { integrationId, userId: owner });
      expect(refused.outcome).toBe('refused');
      expect(refused.reasons?.join(' ')).toMatch(/account owner cannot be deleted/);
    });

    it('gets a user with its contact methods, notification rules and teams in full, and restores it after a delete; a second restore creates nothing', async () => {
      const pd = (path: string, init: { method?: string; body?: unknown } = {}) =>
        fetch(`${sim.url}${path}`, {
          method: init.method ?? 'GET',
          headers: { authorization: `Token token=${KEY}`, accept: 'application/vnd.pagerduty+json;version=2', 'content-type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        }).then(async (r) => ({ status: r.status, body: (r.status === 204 ? null : await r.json()) as Record<string, never> }));
      const [id] = (await simUserIds(300)).slice(250);
      const teams = ((await pd('/teams?limit=3')).body['teams'] as { id: string }[]).map((t) => t.id).slice(0, 2);
      await simControl(sim.url, 'PATCH', `/_sim/users/${id}`, { role: 'user', open_incidents: 0, on_schedule: false, on_escalation_policy: false, team_ids: teams });
      const phone = await pd(`/users/${id}/contact_methods`, { method: 'POST', body: { contact_method: { type: 'sms_contact_method', label: 'Mobile', address: '5550100', country_code: 44 } } });
      const phoneId = (phone.body['contact_method'] as { id: string }).id;
      await pd(`/users/${id}/notification_rules`, { method: 'POST', body: { notification_rule: { start_delay_in_minutes: 5, urgency: 'high', contact_method: { id: phoneId } } } });

      const { user } = await rpc(sync).request(SyncConnectorPagerDutyGetUser, { integrationId, userId: id as string });
      if (!user) throw new Error('no user');
      const kit = {
        user,
        contactMethods: user['contact_methods'] as Record<string, unknown>[],
        notificationRules: user['notification_rules'] as Record<string, unknown>[],
        teams: user['teams'] as Record<string, unknown>[],
      };
      expect(kit.contactMethods.map((c) => [c['type'], c['address']])).toEqual([['email_contact_method', user['email']], ['sms_contact_method', '5550100']]);
      expect(kit.notificationRules.map((r) => [r['type'], r['start_delay_in_minutes']])).toEqual([['assignment_notification_rule', 0], ['assignment_notification_rule', 5]]);
      expect(kit.teams.map((t) => [t['id'], t['type']])).toEqual(teams.map((t) => [t, 'team']));

      await expect(rpc(sync).request(SyncConnectorPagerDutyDeleteUser, { integrationId, userId: id as string })).resolves.toMatchObject({ outcome: 'deleted' });
      await simControl(sim.url, 'DELETE', '/_sim/requests');
      const restored = await rpc(sync).request(SyncConnectorPagerDutyRestoreUser, { integrationId, kit });
      expect(restored).toMatchObject({ existed: false, contactMethods: { created: 1, kept: 1, skipped: [] }, notificationRules: { created: 1, kept: 1, skipped: [] }, teams: { added: teams, skipped: [] } });
      expect(restored.userId).not.toBe(id);
      const log = (await simControl(sim.url, 'GET', '/_sim/requests')) as { by_endpoint: Record<string, number> };
      expect(log.by_endpoint['POST /users']).toBe(1);
      const back = (await pd(`/users/${restored.userId}?include[]=contact_methods&include[]=notification_rules`)).body['user'] as Record<string, unknown>;
      expect(back).toMatchObject({ name: user['name'], email: user['email'], role: 'user', teams: teams.map((t) => expect.objectContaining({ id: t })) });
      const newPhone = (back['contact_methods'] as { id: string; address: string }[]).find((c) => c.address === '5550100');
      expect(back['notification_rules']).toEqual(expect.arrayContaining([expect.objectContaining({ start_delay_in_minutes: 5, contact_method: expect.objectContaining({ id: newPhone?.id }) })]));

      const again = await rpc(sync).request(SyncConnectorPagerDutyRestoreUser, { integrationId, kit, fromEmail: 'someone@acme.example.com' });
      expect(again).toMatchObject({ userId: restored.userId, existed: true, contactMethods: { created: 0, kept: 2 }, notificationRules: { created: 0, kept: 2 } });
      const after = (await simControl(sim.url, 'GET', '/_sim/requests')) as { by_endpoint: Record<string, number> };
      expect(after.by_endpoint['POST /users']).toBe(1);
      await expect(rpc(sync).request(SyncConnectorPagerDutyRestoreUser, { integrationId, kit: { ...kit, teams: 'x' } as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('preflights a delete: open incidents, schedules and escalation policies', async () => {
      const busy = fixtures['with_open_incidents'];
      const pre = await rpc(sync).request(SyncConnectorPagerDutyPreflightDelete, { integrationId, userId: busy });
      expect(pre).toMatchObject({ userId: busy, exists: true, clear: false });
      expect(pre.openIncidents.length).toBeGreaterThan(0);
      const onSchedule = fixtures['on_schedule'];
      const sched = await rpc(sync).request(SyncConnectorPagerDutyPreflightDelete, { integrationId, userId: onSchedule });
      expect(sched.schedules.length).toBeGreaterThan(0);
      const free = fixtures['never_signed_in'];
      await expect(rpc(sync).request(SyncConnectorPagerDutyPreflightDelete, { integrationId, userId: free })).resolves.toMatchObject({
        clear: true,
        openIncidents: [],
        schedules: [],
        escalationPolicies: [],
      });
    });

    it('reads one sample page for Smart Mapping with the extras, and stores and publishes nothing', async () => {
      const stored = async () => (await sql<{ n: number }>(sync, 'select (select count(*) from sync.outbox) + (select count(*) from sync.run) as n'))[0]?.n;
      const before = await stored();
      const withExtras = await createIntegration(sync, sim.url, 'PD_RPC_ACTIONS_KEY', { extras: { licence: true, lastSignIn: true } });
      const page = await rpc(sync).request(SyncIntegrationsSamplePage, { integrationId: withExtras.id });
      expect(page).toMatchObject({ integrationId: withExtras.id, vendor: 'pagerduty', endpoint: sim.url });
      expect(page.error).toBeUndefined();
      expect(page.records.length).toBeGreaterThan(0);
      expect(page.records.length).toBeLessThanOrEqual(25);
      expect(Object.keys(page.records[0] ?? {})).toEqual(expect.arrayContaining(['id', 'email', 'license', 'last_sign_in_at', 'connector_sync_time']));
      expect(await stored()).toBe(before);
      const refused = await createIntegration(sync, sim.url, 'PD_RPC_EU_KEY');
      await expect(rpc(sync).request(SyncIntegrationsSamplePage, { integrationId: refused.id })).resolves.toMatchObject({
        records: [],
        error: 'PagerDuty rejected the credential (401)',
      });
      await expect(rpc(sync).request(SyncIntegrationsSamplePage, { integrationId: '0190a0a0-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers NOT_FOUND for an unknown integration', async () => {
      await expect(
        rpc(sync).request(SyncConnectorPagerDutyGetUser, { integrationId: '0190a0a0-0000-7000-8000-000000000000', userId: 'PABCDEF' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('credential tests where the credential is used', () => {
    let vault: NatsConnection;
    const credentialId = '0190a0a0-0000-7000-8000-00000000c0de';
    beforeAll(async () => {
      // Stands in for the vault: resolves the credential to the EU account's key.
      vault = await answerOnPrefix(sync.prefix, 'vault.credentials.resolve', { credentialId, vendor: 'pagerduty', type: 'api_key', storage: 'vault', secretVersion: 1, headers: { Authorization: `Token token=${EU_KEY}` } });
    });
    afterAll(() => vault?.drain());

    it('tests a vault credential against the base URL the caller names, and says which endpoint answered', async () => {
      const there = await rpc(sync).request(SyncConnectorPagerDutyTestCredential, { credentialId, baseUrl: euSim.url });
      expect(there).toEqual({ ok: true, status: 200, message: 'OK', endpoint: euSim.url });
      // Without a region or base URL: the configured default host, where this key is unknown.
      const here = await rpc(sync).request(SyncConnectorPagerDutyTestCredential, { credentialId });
      expect(here).toMatchObject({ ok: false, status: 401, endpoint: sim.url });
    });

    it('a region picks its official host', async () => {
      const eu = await rpc(sync).request(SyncConnectorPagerDutyTestCredential, { credentialId, region: 'eu' });
      // Reachable or not from here, the key is not that account's: what matters is where it was sent.
      expect(eu).toMatchObject({ ok: false, endpoint: 'https://api.eu.pagerduty.com' });
    });

    it('a base URL outside the allowlist is a failed test naming the refusal, nothing sent', async () => {
      const refused = await rpc(sync).request(SyncConnectorPagerDutyTestCredential, { credentialId, baseUrl: 'http://169.254.169.254' });
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/not an allowed vendor base URL/) });
    });

    it("tests an integration's credential against the integration's own base URL", async () => {
      const eu = await createIntegration(sync, euSim.url, 'PD_RPC_EU_KEY');
      await expect(rpc(sync).request(SyncIntegrationsTest, { integrationId: eu.id })).resolves.toMatchObject({
        integrationId: eu.id,
        ok: true,
        status: 200,
        endpoint: euSim.url,
      });
      const wrong = await createIntegration(sync, sim.url, 'PD_RPC_EU_KEY');
      await expect(rpc(sync).request(SyncIntegrationsTest, { integrationId: wrong.id })).resolves.toMatchObject({ ok: false, status: 401, endpoint: sim.url });
      const missing = await createIntegration(sync, euSim.url, 'PD_NOT_SET_ANYWHERE');
      await expect(rpc(sync).request(SyncIntegrationsTest, { integrationId: missing.id })).resolves.toMatchObject({
        ok: false,
        endpoint: euSim.url,
        message: expect.stringMatching(/PD_NOT_SET_ANYWHERE is not set/),
      });
      await expect(rpc(sync).request(SyncIntegrationsTest, { integrationId: '0190a0a0-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('three replicas', () => {
    it('queue exactly one run for a due schedule when they all fire at once', async () => {
      const others = await Promise.all(
        [1, 2].map(() => startServiceForTest(integrationSyncService, { ...FAST_ENV, SYNC_ALLOWED_BASE_URLS: sim.url, SYNC_SCHEDULER_ENABLED: 'false' }, { db: sync.db, prefix: sync.prefix })),
      );
      try {
        const integration = await createIntegration(sync, sim.url, 'PD_RPC_ACTIONS_KEY', { schedule: { kind: 'interval', intervalMinutes: 60 } });
        const due = new Date(Date.now() - 1000);
        await activate(sync, integration.id, due);
        const replicas = [sync, ...others];
        const queued = await Promise.all(replicas.map((r) => r.running.app.get(ScheduleClaimer).tick()));
        expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
        const runs = await sql<{ trigger: string }>(sync, 'select trigger from sync.run where integration_id = $1', [integration.id]);
        expect(runs).toEqual([{ trigger: 'schedule' }]);
        const [row] = await sql<{ next_run_at: Date }>(sync, 'select next_run_at from sync.integration where id = $1', [integration.id]);
        expect(row?.next_run_at.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
        // Firing again now queues nothing: the schedule moved on.
        const again = await Promise.all(replicas.map((r) => r.running.app.get(ScheduleClaimer).tick()));
        expect(again.reduce((a, b) => a + b, 0)).toBe(0);
      } finally {
        await Promise.all(others.map((o) => o.stop()));
      }
    });
  });
});
