import { SyncBatchFetchedV1, SyncRunFetchedV1 } from '@seatkeeper/contracts';
import { expectEventually } from '@seatkeeper/testing';
import { randomUUID } from 'node:crypto';
import { problemOf, startGateway, type Answer, type GatewayUnderTest } from './support/gateway-harness';
import { answerIntegrationsGet, publishEvent, startMappingProcess, type MappingProcess } from './support/directory-gateway';

/** A PagerDuty `GET /users` record (the shape apps/mapping/test/mapping-fixture.ts uses). */
function pdUser(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `PGW${String(i).padStart(5, '0')}`;
  return {
    id,
    type: 'user',
    name: `Ann${i} Example`,
    email: `ann${i}@gw.example.com`,
    time_zone: 'Europe/Paris',
    role: i === 1 ? 'admin' : 'limited_user',
    invitation_sent: false,
    job_title: 'Engineer',
    teams: [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering' }],
    last_sign_in_at: '2026-10-01T08:00:00Z',
    connector_sync_time: '2026-11-28T00:00:00Z',
    ...overrides,
  };
}

/** The PUT body of a PagerDuty definition (people and SaaS users, keyed by the PagerDuty id then the email). */
function pagerDutyDefinition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vendor: 'pagerduty',
    record_type: 'user_and_saas_user',
    preference: 'create_update',
    deactivate_missing: false,
    blast_radius: { max_percent: 10, max_count: 50 },
    mappings: [
      { source: 'email', target: 'person.email', transform: { type: 'lower_case' } },
      { source: 'email', target: 'person.username', transform: { type: 'lower_case' } },
      { source: 'name', target: 'person.fullName', transform: { type: 'trim' } },
      { source: 'name', target: 'person.firstName', transform: { type: 'split_full_name', part: 'first' } },
      { target: 'person.directoryRole', transform: { type: 'constant', value: 'member' } },
      { source: 'id', target: 'custom.pagerduty_user_id', transform: { type: 'copy' } },
      { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
      { source: 'role', target: 'saasUser.vendorRole', transform: { type: 'value_map', map: { limited_user: 'member' } } },
      { source: 'last_sign_in_at', target: 'saasUser.lastActivityAt', transform: { type: 'date' } },
    ],
    sync_keys: ['custom.pagerduty_user_id', 'person.email'],
    filter: { field: 'role', op: 'neq', value: 'observer' },
    ...overrides,
  };
}

interface PageBody<T> {
  data: T[];
  next_cursor: string | null;
}

function ok<T>(answer: Answer, status = 200): T {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.body as T;
}

/**
 * The mappings and directory routes against a real mapping service (spawned, own database, same
 * bus): definitions, custom fields, a sync published as integration-sync does, people and SaaS
 * users read back through the API, operator actions and the HR import.
 */
describe('mappings and directory routes with the mapping service', () => {
  let gw: GatewayUnderTest;
  let mapping: MappingProcess | undefined;
  const integrationId = randomUUID();
  const as = (role: 'admin' | 'operator' | 'viewer') => gw.tokens[role].secret;

  let stopIntegrations: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    gw = await startGateway();
    stopIntegrations = answerIntegrationsGet(gw, [integrationId]);
    mapping = await startMappingProcess(gw);
  }, 120_000);
  afterAll(async () => {
    await stopIntegrations?.();
    await mapping?.stop();
    await gw?.stop();
  });

  it('answers 404 for every mapping route of an integration that does not exist', async () => {
    const unknown = randomUUID();
    for (const [method, path] of [
      ['GET', `/api/v1/mappings/${unknown}`],
      ['GET', `/api/v1/mappings/${unknown}/check`],
      ['GET', `/api/v1/mappings/${unknown}/quarantine`],
      ['GET', `/api/v1/mappings/${unknown}/source-fields`],
      ['GET', `/api/v1/mappings/${unknown}/suggestions`],
      ['DELETE', `/api/v1/mappings/${unknown}`],
      ['POST', `/api/v1/mappings/${unknown}/quarantine/retry`],
    ] as const) {
      const answer = await gw.call(method, path, { token: as('admin'), body: method === 'POST' ? {} : undefined });
      expect({ method, path, status: answer.status, code: problemOf(answer).code }).toEqual({ method, path, status: 404, code: 'NOT_FOUND' });
    }
    // An integration that exists but has no mapping yet: a check says what is missing, a delete deletes nothing.
    expect(ok<{ ok: boolean }>(await gw.call('GET', `/api/v1/mappings/${integrationId}/check`, { token: as('viewer') })).ok).toBe(false);
  });

  it('creates a unique custom field once (then 409), and lists it and the target fields', async () => {
    const body = { name: 'PagerDuty User ID', type: 'string', unique: true };
    const created = ok<{ key: string; unique: boolean }>(await gw.call('POST', '/api/v1/mappings/custom-fields', { token: as('admin'), body }), 201);
    expect(created).toMatchObject({ key: 'pagerduty_user_id', unique: true });
    const again = await gw.call('POST', '/api/v1/mappings/custom-fields', { token: as('admin'), body });
    expect(problemOf(again)).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect((await gw.call('POST', '/api/v1/mappings/custom-fields', { token: as('operator'), body })).status).toBe(403);

    const custom = ok<PageBody<{ key: string }>>(await gw.call('GET', '/api/v1/mappings/custom-fields', { token: as('viewer') }));
    expect(custom.data.map((c) => c.key)).toEqual(['pagerduty_user_id']);

    const first = ok<PageBody<{ target: string }>>(await gw.call('GET', '/api/v1/mappings/target-fields?limit=5', { token: as('viewer') }));
    expect(first.data).toHaveLength(5);
    expect(first.next_cursor).not.toBeNull();
    const rest = ok<PageBody<{ target: string; unique: boolean }>>(
      await gw.call('GET', `/api/v1/mappings/target-fields?limit=200&cursor=${first.next_cursor}`, { token: as('viewer') }),
    );
    expect(rest.next_cursor).toBeNull();
    const all = [...first.data, ...rest.data].map((f) => f.target);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['person.email', 'saasUser.externalId', 'custom.pagerduty_user_id']));
  });

  it('checks, refuses an invalid definition naming the fields in snake_case, then stores a valid one', async () => {
    const before = ok<{ ok: boolean; missing: string[] }>(await gw.call('GET', `/api/v1/mappings/${integrationId}/check`, { token: as('viewer') }));
    expect(before).toEqual({ ok: false, missing: ['No mapping definition exists for this integration'] });
    expect(problemOf(await gw.call('GET', `/api/v1/mappings/${integrationId}`, { token: as('viewer') }))).toMatchObject({ status: 404 });

    const invalid = await gw.call('PUT', `/api/v1/mappings/${integrationId}`, {
      token: as('admin'),
      body: pagerDutyDefinition({ sync_keys: ['person.fullName'] }),
    });
    const problem = problemOf(invalid);
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problem.errors?.map((e) => e.field)).toEqual(['sync_keys.0']);

    expect((await gw.call('PUT', `/api/v1/mappings/${integrationId}`, { token: as('operator'), body: pagerDutyDefinition() })).status).toBe(403);
    const saved = ok<{ integration_id: string; app_name: string; check: { ok: boolean }; blast_radius: unknown; sync_keys: string[] }>(
      await gw.call('PUT', `/api/v1/mappings/${integrationId}`, { token: as('admin'), body: pagerDutyDefinition() }),
    );
    expect(saved).toMatchObject({
      integration_id: integrationId,
      app_name: 'PagerDuty',
      check: { ok: true },
      blast_radius: { max_percent: 10, max_count: 50 },
      sync_keys: ['custom.pagerduty_user_id', 'person.email'],
    });
    expect(ok(await gw.call('GET', `/api/v1/mappings/${integrationId}/check`, { token: as('viewer') }))).toEqual({ ok: true, missing: [] });
    const list = ok<PageBody<{ integration_id: string }>>(await gw.call('GET', '/api/v1/mappings', { token: as('viewer') }));
    expect(list.data.map((d) => d.integration_id)).toEqual([integrationId]);
  });

  it('applies a published sync: people, SaaS users, quarantine, source samples and suggestions through the API', async () => {
    const runId = randomUUID();
    const records = [pdUser(1), pdUser(2), pdUser(3), pdUser(4, { email: null })];
    await publishEvent(gw, SyncBatchFetchedV1, { runId, integrationId, vendor: 'pagerduty', seq: 1, records });
    await publishEvent(gw, SyncRunFetchedV1, { runId, integrationId, vendor: 'pagerduty', batches: 1, records: records.length, complete: true });

    const people = await expectEventually(
      async () => {
        const page = ok<PageBody<{ email: string; full_name: string; custom_fields: Record<string, unknown> }>>(
          await gw.call('GET', '/api/v1/people', { token: as('viewer') }),
        );
        expect(page.data).toHaveLength(3);
        return page.data;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(people.map((p) => p.email).sort()).toEqual(['ann1@gw.example.com', 'ann2@gw.example.com', 'ann3@gw.example.com']);
    expect(people.find((p) => p.email === 'ann2@gw.example.com')).toMatchObject({
      full_name: 'Ann2 Example',
      custom_fields: { pagerduty_user_id: 'PGW00002' },
    });

    const filter = encodeURIComponent(JSON.stringify({ field: 'email', op: 'eq', value: 'ann3@gw.example.com' }));
    const filtered = ok<PageBody<{ email: string }>>(await gw.call('GET', `/api/v1/people?filter=${filter}`, { token: as('viewer') }));
    expect(filtered.data.map((p) => p.email)).toEqual(['ann3@gw.example.com']);
    const badRule = encodeURIComponent(JSON.stringify({ field: 'shoeSize', op: 'eq', value: 42 }));
    const refused = problemOf(await gw.call('GET', `/api/v1/people?filter=${badRule}`, { token: as('viewer') }));
    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refused.errors?.every((e) => e.field.startsWith('filter'))).toBe(true);
    const notJson = problemOf(await gw.call('GET', '/api/v1/people?filter=%7Bnope', { token: as('viewer') }));
    expect(notJson.errors?.map((e) => e.field)).toEqual(['filter']);

    const firstPage = ok<PageBody<unknown>>(await gw.call('GET', '/api/v1/people?limit=2', { token: as('viewer') }));
    expect(firstPage.data).toHaveLength(2);
    const secondPage = ok<PageBody<unknown>>(await gw.call('GET', `/api/v1/people?limit=2&cursor=${firstPage.next_cursor}`, { token: as('viewer') }));
    expect(secondPage).toMatchObject({ next_cursor: null });
    expect(secondPage.data).toHaveLength(1);

    const users = ok<PageBody<{ external_id: string; vendor_role: string; status: string; person: { email: string } | null }>>(
      await gw.call('GET', '/api/v1/saas-users?status=active', { token: as('viewer') }),
    );
    expect(users.data).toHaveLength(3);
    expect(users.data.find((u) => u.external_id === 'PGW00002')).toMatchObject({
      vendor_role: 'member',
      status: 'active',
      person: { email: 'ann2@gw.example.com' },
    });
    const admins = encodeURIComponent(JSON.stringify({ field: 'vendorRole', op: 'eq', value: 'admin' }));
    const adminUsers = ok<PageBody<{ external_id: string }>>(await gw.call('GET', `/api/v1/saas-users?filter=${admins}`, { token: as('viewer') }));
    expect(adminUsers.data.map((u) => u.external_id)).toEqual(['PGW00001']);

    const quarantine = ok<PageBody<{ reason: string; status: string; record: { id: string } }>>(
      await gw.call('GET', `/api/v1/mappings/${integrationId}/quarantine?status=open`, { token: as('viewer') }),
    );
    expect(quarantine.data).toHaveLength(1);
    expect(quarantine.data[0]).toMatchObject({ status: 'open', record: { id: 'PGW00004' } });
    expect((await gw.call('POST', `/api/v1/mappings/${integrationId}/quarantine/retry`, { token: as('viewer'), body: {} })).status).toBe(403);
    const retried = ok(await gw.call('POST', `/api/v1/mappings/${integrationId}/quarantine/retry`, { token: as('operator'), body: {} }));
    expect(retried).toEqual({ retried: 1, applied: 0, still_quarantined: 1 });

    const source = ok<{ samples_from_run_id: string; fields: { name: string; sample: unknown }[] }>(
      await gw.call('GET', `/api/v1/mappings/${integrationId}/source-fields`, { token: as('viewer') }),
    );
    expect(source).toMatchObject({ samples_from: 'run', samples_from_run_id: runId });
    expect(source.fields).toEqual(expect.arrayContaining([{ name: 'email', sample: 'ann1@gw.example.com' }]));
    const suggestions = ok<{ suggestions: { source: string | null; target: string; confidence: number; reason: string }[] }>(
      await gw.call('GET', `/api/v1/mappings/${integrationId}/suggestions`, { token: as('viewer') }),
    );
    expect(suggestions.suggestions).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'email', target: 'person.email' })]));
  });

  it('prices the SaaS app and lets an operator deactivate and reactivate a SaaS user', async () => {
    const apps = ok<PageBody<{ id: string; name: string; saas_users: number }>>(await gw.call('GET', '/api/v1/saas-apps', { token: as('viewer') }));
    expect(apps.data).toEqual([expect.objectContaining({ name: 'PagerDuty', saas_users: 3 })]);
    const appId = apps.data[0]?.id as string;
    const priced = ok(await gw.call('PATCH', `/api/v1/saas-apps/${appId}`, { token: as('admin'), body: { seat_price: 21.5, currency: 'EUR', seats_purchased: 10 } }));
    expect(priced).toMatchObject({ id: appId, seat_price: '21.5000', currency: 'EUR', seats_purchased: 10 });
    expect((await gw.call('PATCH', `/api/v1/saas-apps/${appId}`, { token: as('operator'), body: { seats_purchased: 1 } })).status).toBe(403);
    expect(problemOf(await gw.call('GET', `/api/v1/saas-apps/${randomUUID()}`, { token: as('viewer') }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    const users = ok<PageBody<{ id: string; external_id: string }>>(await gw.call('GET', `/api/v1/saas-users?saas_app_id=${appId}`, { token: as('viewer') }));
    const target = users.data.find((u) => u.external_id === 'PGW00003')?.id as string;
    const path = `/api/v1/saas-users/${target}`;
    expect((await gw.call('POST', `${path}/deactivate`, { token: as('viewer'), body: { reason: 'left' } })).status).toBe(403);
    expect(problemOf(await gw.call('POST', `${path}/deactivate`, { token: as('operator'), body: {} })).errors?.map((e) => e.field)).toEqual(['reason']);
    const deactivated = ok(await gw.call('POST', `${path}/deactivate`, { token: as('operator'), body: { reason: 'removed in PagerDuty by hand' } }));
    expect(deactivated).toMatchObject({ id: target, status: 'deactivated', deactivated_reason: 'removed in PagerDuty by hand' });
    expect(ok(await gw.call('GET', path, { token: as('viewer') }))).toMatchObject({ status: 'deactivated' });
    const reactivated = ok(await gw.call('POST', `${path}/reactivate`, { token: as('operator') }));
    expect(reactivated).toMatchObject({ id: target, status: 'active', deactivated_reason: null, deactivated_at: null });
    expect(problemOf(await gw.call('POST', `/api/v1/saas-users/${randomUUID()}/reactivate`, { token: as('operator') }))).toMatchObject({ status: 404 });
  });

  it('updates a person and imports an HR feed as CSV content and as rows, with a per-row report', async () => {
    const people = ok<PageBody<{ id: string; email: string }>>(await gw.call('GET', '/api/v1/people', { token: as('viewer') }));
    const ann1 = people.data.find((p) => p.email === 'ann1@gw.example.com')?.id as string;
    const missingDate = problemOf(await gw.call('PATCH', `/api/v1/people/${ann1}`, { token: as('admin'), body: { employment_status: 'terminated' } }));
    expect(missingDate).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(missingDate.errors?.map((e) => e.field)).toEqual(['termination_date']);
    const updated = ok(
      await gw.call('PATCH', `/api/v1/people/${ann1}`, {
        token: as('admin'),
        body: { employment_status: 'terminated', termination_date: '2026-12-31', department: 'Sales' },
      }),
    );
    expect(updated).toMatchObject({ id: ann1, employment_status: 'terminated', termination_date: '2026-12-31', department: 'Sales' });

    const csv = ['email,employment_status,department,termination_date', 'ann2@gw.example.com,on_leave,Support,', 'new.hire@gw.example.com,active,Ops,', 'not-an-email,active,,'].join('\n');
    const report = ok(await gw.call('POST', '/api/v1/people/import', { token: as('admin'), body: { format: 'csv', content: csv } }));
    expect(report).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      refused: 1,
      rows: [
        { row: 1, email: 'ann2@gw.example.com', outcome: 'updated' },
        { row: 2, email: 'new.hire@gw.example.com', outcome: 'created' },
        { row: 3, email: 'not-an-email', outcome: 'refused', reason: 'invalid email "not-an-email"' },
      ],
    });
    const rows = ok<{ unchanged: number; updated: number; rows: { outcome: string; reason?: string }[] }>(
      await gw.call('POST', '/api/v1/people/import', {
        token: as('admin'),
        body: { rows: [{ email: 'new.hire@gw.example.com', employment_status: 'active', department: 'Ops' }, { employment_status: 'fired' }] },
      }),
    );
    expect(rows.unchanged).toBe(1);
    expect(rows.rows[1]).toEqual({ row: 2, email: null, outcome: 'refused', reason: 'no email' });
    const neither = problemOf(await gw.call('POST', '/api/v1/people/import', { token: as('admin'), body: { format: 'csv' } }));
    expect(neither.errors?.map((e) => e.field)).toEqual(['content']);
    expect((await gw.call('POST', '/api/v1/people/import', { token: as('operator'), body: { format: 'csv', content: csv } })).status).toBe(403);

    const onLeave = encodeURIComponent(JSON.stringify({ field: 'employmentStatus', op: 'in', value: ['on_leave', 'terminated'] }));
    const away = ok<PageBody<{ email: string }>>(await gw.call('GET', `/api/v1/people?filter=${onLeave}`, { token: as('viewer') }));
    expect(away.data.map((p) => p.email).sort()).toEqual(['ann1@gw.example.com', 'ann2@gw.example.com']);
  });
});
