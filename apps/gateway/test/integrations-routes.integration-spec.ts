import { expectEventually, startPagerDutySimProcess, testInfra, type PagerDutySimProcess } from '@seatkeeper/testing';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { problemOf, startGateway, type Answer, type GatewayUnderTest } from './support/gateway-harness';
import { startIntegrationSyncProcess, type SyncProcess } from './support/integrations-gateway';

const SECRET_VAR = 'PD_GATEWAY_ROUTES_KEY';
const KEY = 'gateway-routes-key';
const USERS = 120;

interface IntegrationBody {
  id: string;
  name: string;
  status: string;
  record_type: string;
  local_secret: { kind: string; name: string; auth_kind: string } | null;
  schedule: { kind: string; interval_minutes: number | null; time_of_day: string | null; time_zone: string };
  extras: { teams: boolean; licence: boolean; last_sign_in: boolean };
  next_run_at: string | null;
  last_run: { id: string; status: string } | null;
}
interface RunBody {
  id: string;
  integration_id: string;
  trigger: string;
  status: string;
  progress: number;
  counts: { pages: number; requests: number; fetched: number; vendor_total: number | null; applied: number | null };
  complete: boolean | null;
  errors: unknown[];
  queued_at: string;
  started_at: string | null;
  fetched_at: string | null;
}
interface PageBody<T> {
  data: T[];
  next_cursor: string | null;
}

function ok<T>(answer: Answer, status = 200): T {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.body as T;
}

function fieldsOf(answer: Answer): string[] {
  return (problemOf(answer).errors ?? []).map((e) => e.field);
}

/**
 * The integrations and runs routes against a real integration-sync process (own database, the
 * gateway's bus prefix) and the PagerDuty simulator: CRUD, launch refused then allowed (a stand-in
 * for mapping answers `mapping.definitions.check`), run now, the run read back, 409 on a second
 * run. The generic role-matrix, fuzz and OpenAPI suites cover these routes like every other.
 */
describe('integrations and runs routes with the integration-sync service', () => {
  let gw: GatewayUnderTest;
  let sync: SyncProcess | undefined;
  let sim: PagerDutySimProcess | undefined;
  let mapping: NatsConnection | undefined;
  const as = (role: 'admin' | 'operator' | 'viewer') => gw.tokens[role].secret;

  const localIntegration = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    vendor: 'pagerduty',
    record_type: 'user_and_saas_user',
    installation_type: 'local',
    local_secret: { kind: 'env', name: SECRET_VAR },
    region: 'us',
    base_url: sim?.url,
    ...extra,
  });

  /** Answers `mapping.definitions.check` on the gateway's prefix as the mapping service would. */
  const answerMappingCheck = async (answer: { ok: boolean; missing: string[] }): Promise<void> => {
    await mapping?.drain();
    mapping = await connect({ servers: testInfra().natsUrl });
    mapping.subscribe(`${gw.service.prefix}mapping.definitions.check`, {
      callback: (_err, msg) => msg.respond(new TextEncoder().encode(JSON.stringify({ ok: true, data: answer }))),
    });
    await mapping.flush();
  };

  beforeAll(async () => {
    sim = await startPagerDutySimProcess({ users: USERS, rateLimit: 0, apiKeys: [KEY], seed: 9 });
    gw = await startGateway();
    sync = await startIntegrationSyncProcess(gw, {
      [SECRET_VAR]: KEY,
      SYNC_ALLOWED_BASE_URLS: sim.url,
      SYNC_RATE_LIMIT_PER_MINUTE: '0',
      SYNC_SCHEDULER_ENABLED: 'false',
      SYNC_WORKER_POLL_MS: '200',
      SYNC_RETRY_INITIAL_DELAY_MS: '20',
    });
  }, 120_000);

  afterAll(async () => {
    await mapping?.drain();
    await sync?.stop();
    await gw?.stop();
    await sim?.stop();
  });

  it('creates, lists with a cursor, reads and updates integrations', async () => {
    const created = ok<IntegrationBody>(
      await gw.call('POST', '/api/v1/integrations', {
        token: as('admin'),
        body: localIntegration('PagerDuty A', { schedule: { kind: 'daily', time_of_day: '03:30', time_zone: 'Europe/Paris' }, extras: { last_sign_in: true } }),
      }),
      201,
    );
    expect(created).toMatchObject({
      name: 'PagerDuty A',
      status: 'draft',
      local_secret: { kind: 'env', name: SECRET_VAR, auth_kind: 'token' },
      schedule: { kind: 'daily', interval_minutes: null, time_of_day: '03:30', time_zone: 'Europe/Paris' },
      extras: { teams: false, licence: false, last_sign_in: true },
      next_run_at: null,
      last_run: null,
    });
    for (const name of ['PagerDuty B', 'PagerDuty C']) {
      ok(await gw.call('POST', '/api/v1/integrations', { token: as('admin'), body: localIntegration(name) }), 201);
    }

    const first = ok<PageBody<IntegrationBody>>(await gw.call('GET', '/api/v1/integrations?limit=2', { token: as('viewer') }));
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = ok<PageBody<IntegrationBody>>(await gw.call('GET', `/api/v1/integrations?limit=2&cursor=${first.next_cursor}`, { token: as('viewer') }));
    expect(second.next_cursor).toBeNull();
    const names = [...first.data, ...second.data].map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['PagerDuty A', 'PagerDuty B', 'PagerDuty C']));
    expect(new Set(names).size).toBe(names.length);
    const drafts = ok<PageBody<IntegrationBody>>(await gw.call('GET', '/api/v1/integrations?status=active', { token: as('viewer') }));
    expect(drafts.data).toEqual([]);

    expect(ok<IntegrationBody>(await gw.call('GET', `/api/v1/integrations/${created.id}`, { token: as('viewer') })).name).toBe('PagerDuty A');

    const updated = ok<IntegrationBody>(
      await gw.call('PATCH', `/api/v1/integrations/${created.id}`, {
        token: as('admin'),
        body: { name: 'PagerDuty A2', record_type: 'user', schedule: { kind: 'interval', interval_minutes: 30 }, extras: { teams: true } },
      }),
    );
    expect(updated).toMatchObject({
      name: 'PagerDuty A2',
      record_type: 'user',
      schedule: { kind: 'interval', interval_minutes: 30, time_of_day: null, time_zone: 'UTC' },
      extras: { teams: true, licence: false, last_sign_in: true },
    });

    // Only admins change configuration.
    expect(problemOf(await gw.call('PATCH', `/api/v1/integrations/${created.id}`, { token: as('operator'), body: { name: 'x' } })).code).toBe('FORBIDDEN');
    expect(ok(await gw.call('DELETE', `/api/v1/integrations/${second.data[0]?.id ?? ''}`, { token: as('admin') }))).toEqual({
      id: second.data[0]?.id,
      deleted: true,
    });
  });

  it("tests the integration's credential against its own base URL and names the endpoint", async () => {
    const integration = ok<IntegrationBody>(await gw.call('POST', '/api/v1/integrations', { token: as('admin'), body: localIntegration('PagerDuty test') }), 201);
    const tested = ok<Record<string, unknown>>(await gw.call('POST', `/api/v1/integrations/${integration.id}/test`, { token: as('admin') }));
    expect(tested).toMatchObject({ integration_id: integration.id, ok: true, status: 200, message: 'OK', endpoint: sim?.url });
    expect(problemOf(await gw.call('POST', `/api/v1/integrations/${randomUUID()}/test`, { token: as('admin') })).status).toBe(404);
  });

  it('names the public field for bad input, whether the gateway or the service finds it', async () => {
    const shape = await gw.call('POST', '/api/v1/integrations', {
      token: as('admin'),
      body: localIntegration('Bad', { local_secret: { kind: 'env', name: 'no spaces allowed' }, schedule: { kind: 'daily', time_of_day: '25:00' } }),
    });
    expect(shape.status).toBe(400);
    expect(fieldsOf(shape)).toEqual(expect.arrayContaining(['local_secret.name', 'schedule.time_of_day']));

    // Rules that need more than the shape are the service's; its camelCase names come back public.
    const cloud = await gw.call('POST', '/api/v1/integrations', {
      token: as('admin'),
      body: localIntegration('Cloud without credential', { installation_type: 'cloud', local_secret: undefined }),
    });
    expect(cloud.status).toBe(400);
    expect(problemOf(cloud).code).toBe('VALIDATION_FAILED');
    expect(problemOf(cloud).errors).toEqual([{ field: 'credential_id', messages: [expect.stringContaining('credential_id is required')] }]);

    const zone = await gw.call('POST', '/api/v1/integrations', {
      token: as('admin'),
      body: localIntegration('Bad zone', { schedule: { kind: 'daily', time_of_day: '02:00', time_zone: 'Mars/Olympus' } }),
    });
    expect(fieldsOf(zone)).toEqual(['schedule.time_zone']);

    // A base URL a credential may not be sent to is refused by the service (the DTO cannot know the allowlist).
    const metadata = await gw.call('POST', '/api/v1/integrations', { token: as('admin'), body: localIntegration('Metadata', { base_url: 'http://169.254.169.254/latest/meta-data/' }) });
    expect(problemOf(metadata).errors).toEqual([{ field: 'base_url', messages: [expect.stringMatching(/not an allowed vendor base URL/)] }]);
    expect(fieldsOf(await gw.call('POST', '/api/v1/integrations', { token: as('admin'), body: localIntegration('Userinfo', { base_url: 'http://user:pass@host/' }) }))).toEqual(['base_url']);

    expect(problemOf(await gw.call('GET', `/api/v1/integrations/${randomUUID()}`, { token: as('viewer') })).status).toBe(404);
    expect(problemOf(await gw.call('GET', `/api/v1/integrations/${randomUUID()}/runs`, { token: as('viewer') })).status).toBe(404);
    expect(problemOf(await gw.call('GET', `/api/v1/runs/${randomUUID()}`, { token: as('viewer') })).status).toBe(404);
    expect(fieldsOf(await gw.call('GET', '/api/v1/integrations?cursor=bm90LWEtY3Vyc29y', { token: as('viewer') }))).toEqual(['cursor']);
  });

  it('refuses to launch until mapping confirms, then runs now, shows the run and answers 409 to a second run', async () => {
    const integration = ok<IntegrationBody>(await gw.call('POST', '/api/v1/integrations', { token: as('admin'), body: localIntegration('PagerDuty run') }), 201);
    const path = `/api/v1/integrations/${integration.id}`;

    // Nothing answers mapping.definitions.check: 503, naming the mapping service.
    const unavailable = problemOf(await gw.call('POST', `${path}/launch`, { token: as('admin') }));
    expect(unavailable).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', detail: expect.stringContaining('mapping service') });

    // Mapping says what is missing: a 4xx naming it.
    await answerMappingCheck({ ok: false, missing: ['a sync key for people', 'a mapping for person.email'] });
    const notReady = problemOf(await gw.call('POST', `${path}/launch`, { token: as('admin') }));
    expect(notReady).toMatchObject({
      status: 422,
      code: 'INTEGRATION_NOT_READY',
      errors: [{ field: 'mapping', messages: ['a sync key for people', 'a mapping for person.email'] }],
    });
    // Run now on a draft.
    expect(problemOf(await gw.call('POST', `${path}/runs`, { token: as('operator') }))).toMatchObject({ status: 422, code: 'INTEGRATION_NOT_ACTIVE' });

    await answerMappingCheck({ ok: true, missing: [] });
    expect(problemOf(await gw.call('POST', `${path}/launch`, { token: as('operator') })).code).toBe('FORBIDDEN');
    const launched = ok<IntegrationBody>(await gw.call('POST', `${path}/launch`, { token: as('admin') }));
    expect(launched.status).toBe('active');
    expect(launched.next_run_at).not.toBeNull();

    expect(problemOf(await gw.call('POST', `${path}/runs`, { token: as('viewer') })).code).toBe('FORBIDDEN');
    const queued = ok<RunBody>(await gw.call('POST', `${path}/runs`, { token: as('operator') }), 202);
    expect(queued).toMatchObject({ integration_id: integration.id, trigger: 'manual', status: 'queued', progress: 0 });

    // No mapping service applies the batches, so the run stays `applying`: still going.
    const run = await expectEventually(
      async () => {
        const body = ok<RunBody>(await gw.call('GET', `/api/v1/runs/${queued.id}`, { token: as('viewer') }));
        expect(body.status).toBe('applying');
        return body;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(run).toMatchObject({ progress: 1, complete: true, errors: [], counts: { fetched: USERS, vendor_total: USERS, applied: null } });
    expect(run.counts.pages).toBeGreaterThan(0);
    expect(run.started_at).not.toBeNull();
    expect(run.fetched_at).not.toBeNull();

    const again = problemOf(await gw.call('POST', `${path}/runs`, { token: as('admin') }));
    expect(again).toMatchObject({ status: 409, code: 'CONFLICT', detail: expect.stringContaining(queued.id) });
    expect(problemOf(await gw.call('DELETE', path, { token: as('admin') })).status).toBe(409);

    const runs = ok<PageBody<RunBody>>(await gw.call('GET', `${path}/runs?status=applying`, { token: as('viewer') }));
    expect(runs).toEqual({ data: [expect.objectContaining({ id: queued.id })], next_cursor: null });
    expect(ok<IntegrationBody>(await gw.call('GET', path, { token: as('viewer') })).last_run).toMatchObject({ id: queued.id, status: 'applying' });

    // Operators may stop the schedule; resuming is launch (admin).
    const paused = ok<IntegrationBody>(await gw.call('POST', `${path}/pause`, { token: as('operator') }));
    expect(paused).toMatchObject({ status: 'paused', next_run_at: null });
    expect(problemOf(await gw.call('POST', `${path}/pause`, { token: as('viewer') })).code).toBe('FORBIDDEN');
  }, 90_000);
});
