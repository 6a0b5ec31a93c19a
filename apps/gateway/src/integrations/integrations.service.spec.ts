import { plainToInstance } from 'class-transformer';
import { fakeRpc } from '../../test/support/fake-rpc';
import { CreateIntegrationDto, UpdateIntegrationDto } from './integrations.dto';
import { IntegrationsService } from './integrations.service';

const view = {
  id: 'i1',
  name: 'PagerDuty',
  vendor: 'pagerduty',
  recordType: 'user_and_saas_user',
  installationType: 'local',
  credentialId: null,
  localSecret: { kind: 'env', name: 'PD_TOKEN', authKind: 'token' },
  runnerPool: 'default',
  region: 'eu',
  baseUrl: null,
  preference: 'create_update',
  schedule: { kind: 'daily', intervalMinutes: null, timeOfDay: '02:00', timeZone: 'UTC' },
  extras: { teams: true, licence: false, lastSignIn: true },
  status: 'draft',
  nextRunAt: null,
  lastRun: { id: 'r0', status: 'completed', finishedAt: 't' },
  createdAt: 't0',
  updatedAt: 't1',
};

const run = {
  id: 'r1',
  integrationId: 'i1',
  trigger: 'manual',
  status: 'completed',
  progress: 1,
  counts: { pages: 2, requests: 3, fetched: 150, vendorTotal: 150, applied: 150, quarantined: 0 },
  complete: true,
  reason: null,
  errors: [{ at: 't', message: 'retried' }],
  queuedAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  fetchedAt: '2026-01-01T00:00:02.000Z',
  finishedAt: '2026-01-01T00:00:03.500Z',
};

describe(IntegrationsService.name, () => {
  it('creates and updates with the contract names, answering the integration in snake_case', async () => {
    const { rpc, sent } = fakeRpc({ 'sync.integrations.create': view, 'sync.integrations.update': view });
    const service = new IntegrationsService(rpc);
    const create = plainToInstance(CreateIntegrationDto, {
      name: 'PagerDuty',
      vendor: 'pagerduty',
      record_type: 'user_and_saas_user',
      installation_type: 'local',
      local_secret: { kind: 'env', name: 'PD_TOKEN', auth_kind: 'token' },
      region: 'eu',
      schedule: { kind: 'daily', time_of_day: '02:00', time_zone: 'UTC' },
      extras: { teams: true, last_sign_in: true },
    });
    await expect(service.create(create, 'a')).resolves.toEqual({
      id: 'i1',
      name: 'PagerDuty',
      vendor: 'pagerduty',
      record_type: 'user_and_saas_user',
      installation_type: 'local',
      credential_id: null,
      local_secret: { kind: 'env', name: 'PD_TOKEN', auth_kind: 'token' },
      runner_pool: 'default',
      region: 'eu',
      base_url: null,
      preference: 'create_update',
      schedule: { kind: 'daily', interval_minutes: null, time_of_day: '02:00', time_zone: 'UTC' },
      extras: { teams: true, licence: false, last_sign_in: true },
      status: 'draft',
      next_run_at: null,
      last_run: { id: 'r0', status: 'completed', finished_at: 't' },
      created_at: 't0',
      updated_at: 't1',
    });
    await service.update('i1', plainToInstance(UpdateIntegrationDto, { base_url: 'https://pd.example', extras: { licence: true } }), 'a');
    expect(sent.map((s) => s.payload)).toEqual([
      {
        actor: 'a',
        name: 'PagerDuty',
        vendor: 'pagerduty',
        recordType: 'user_and_saas_user',
        installationType: 'local',
        localSecret: { kind: 'env', name: 'PD_TOKEN', authKind: 'token' },
        region: 'eu',
        schedule: { kind: 'daily', timeOfDay: '02:00', timeZone: 'UTC' },
        extras: { teams: true, lastSignIn: true },
      },
      { integrationId: 'i1', actor: 'a', baseUrl: 'https://pd.example', extras: { licence: true } },
    ]);
  });

  it('answers runs in snake_case with duration_ms, after finding the integration', async () => {
    const { rpc, sent } = fakeRpc({ 'sync.integrations.get': view, 'sync.runs.list': { data: [run, { ...run, finishedAt: null }], nextCursor: null } });
    const page = await new IntegrationsService(rpc).listRuns('i1', { limit: 2 });
    expect(page.data[0]).toEqual({
      id: 'r1',
      integration_id: 'i1',
      trigger: 'manual',
      status: 'completed',
      progress: 1,
      counts: { pages: 2, requests: 3, fetched: 150, vendor_total: 150, applied: 150, quarantined: 0 },
      complete: true,
      reason: null,
      errors: [{ at: 't', message: 'retried' }],
      queued_at: '2026-01-01T00:00:00.000Z',
      started_at: '2026-01-01T00:00:01.000Z',
      fetched_at: '2026-01-01T00:00:02.000Z',
      finished_at: '2026-01-01T00:00:03.500Z',
      duration_ms: 2500,
    });
    expect(page.data[1]?.duration_ms).toBeNull();
    expect(page.next_cursor).toBeNull();
    expect(sent.map((s) => s.subject)).toEqual(['sync.integrations.get', 'sync.runs.list']);
    expect(sent[1]?.payload).toEqual({ limit: 2, integrationId: 'i1' });
  });
});
