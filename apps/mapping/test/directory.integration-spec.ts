import {
  DirectoryPeopleImport,
  DirectoryPeopleList,
  DirectoryPeopleUpdate,
  DirectorySaasAppsList,
  DirectorySaasAppsUpdate,
  DirectorySaasUsersDeactivate,
  DirectorySaasUsersCount,
  DirectorySaasUsersList,
  DirectorySaasUsersMarkDeleted,
  DirectorySaasUsersReactivate,
  DirectorySaasUsersSetRoles,
  MappingDefinitionsSourceFields,
  MappingDefinitionsSuggest,
  type SaasUserView,
} from '@seatkeeper/contracts';
import { Naming, NatsConnectionHolder, RemoteRpcError as RemoteError } from '@seatkeeper/platform-messaging';
import { v7 as uuidv7 } from 'uuid';
import { MappingFixture, pagerDutyDefinition, pdUsers } from './mapping-fixture';

describe('the directory', () => {
  let f: MappingFixture;
  const integrationId = uuidv7();

  beforeAll(async () => {
    f = await MappingFixture.start();
    await f.putDefinition(pagerDutyDefinition(integrationId));
    await f.sync(integrationId, pdUsers('dir', 30));
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('lists people with rule filters, page by page', async () => {
    const filter = { all: [{ field: 'email', op: 'starts_with', value: 'ann1' }, { field: 'employmentStatus', op: 'eq', value: 'active' }] };
    const first = await f.rpc.request(DirectoryPeopleList, { filter, limit: 5 });
    expect(first.data).toHaveLength(5);
    const second = await f.rpc.request(DirectoryPeopleList, { filter, limit: 5, cursor: first.nextCursor as string });
    // ann1, ann10 … ann19: eleven people.
    expect(second.data).toHaveLength(5);
    const third = await f.rpc.request(DirectoryPeopleList, { filter, limit: 5, cursor: second.nextCursor as string });
    expect(third).toMatchObject({ nextCursor: null });
    expect(third.data).toHaveLength(1);
    await expect(f.rpc.request(DirectoryPeopleList, { filter: { field: 'nope', op: 'eq', value: 1 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('terminates a person with a date, and refuses termination without one', async () => {
    const [person] = (await f.rpc.request(DirectoryPeopleList, { filter: { field: 'email', op: 'eq', value: 'ann2@dir.example.com' } })).data;
    await expect(f.rpc.request(DirectoryPeopleUpdate, { personId: person!.id, employmentStatus: 'terminated' })).rejects.toBeInstanceOf(RemoteError);
    const updated = await f.rpc.request(DirectoryPeopleUpdate, { personId: person!.id, employmentStatus: 'terminated', terminationDate: '2026-11-30' });
    expect(updated).toMatchObject({ employmentStatus: 'terminated', terminationDate: '2026-11-30' });
    expect(await f.count(`select count(*) as n from mapping.outbox where subject = 'directory.person.updated.v1' and entity_key = $1`, [`person:${person!.id}`])).toBe(1);
  });

  it('imports an HR feed by email, with a per-row report', async () => {
    const csv = [
      'email,employment_status,department,termination_date',
      'ann3@dir.example.com,terminated,Sales,2026-10-31',
      'new.hire@dir.example.com,active,Ops,',
      'bad-email,active,Ops,',
      'ann4@dir.example.com,retired,,',
      'ann5@dir.example.com,terminated,,',
    ].join('\n');
    const report = await f.rpc.request(DirectoryPeopleImport, { format: 'csv', content: csv });
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 0, refused: 3 });
    expect(report.rows.map((r) => [r.row, r.outcome, r.reason ?? null])).toEqual([
      [1, 'updated', null],
      [2, 'created', null],
      [3, 'refused', 'invalid email "bad-email"'],
      [4, 'refused', 'employment_status "retired" is not one of active, on_leave, terminated'],
      [5, 'refused', 'a terminated person needs a termination_date'],
    ]);
    const again = await f.rpc.request(DirectoryPeopleImport, { format: 'json', content: JSON.stringify([{ email: 'NEW.HIRE@dir.example.com', department: 'Ops' }]) });
    expect(again).toMatchObject({ unchanged: 1 });
  });

  it('shows SaaS apps and users, and lets operators deactivate and reactivate', async () => {
    const apps = await f.rpc.request(DirectorySaasAppsList, {});
    const pagerduty = apps.data.find((a) => a.vendor === 'pagerduty');
    expect(pagerduty).toMatchObject({ name: 'PagerDuty', saasUsers: 30 });
    expect(await f.rpc.request(DirectorySaasAppsUpdate, { saasAppId: pagerduty!.id, seatPrice: 21, currency: 'EUR', seatsPurchased: 40 })).toMatchObject({
      seatPrice: '21.0000',
      currency: 'EUR',
      seatsPurchased: 40,
    });
    const admins = await f.rpc.request(DirectorySaasUsersList, { saasAppId: pagerduty!.id, filter: { field: 'vendorRole', op: 'eq', value: 'admin' } });
    expect(admins.data).toHaveLength(3);
    const su = admins.data[0]!;
    expect(su).toMatchObject({ status: 'active', lastActivitySource: 'pagerduty.last_sign_in_at', person: { email: su.email } });
    expect(await f.rpc.request(DirectorySaasUsersDeactivate, { saasUserId: su.id, reason: 'left the on-call rota' })).toMatchObject({
      status: 'deactivated',
      deactivatedReason: 'left the on-call rota',
    });
    expect(await f.rpc.request(DirectorySaasUsersReactivate, { saasUserId: su.id })).toMatchObject({ status: 'active', deactivatedReason: null });
    const subjects = await f.pg.query(`select subject from mapping.outbox where entity_key = $1 order by id`, [`saas-user:${su.id}`]);
    expect(subjects.rows.map((r: { subject: string }) => r.subject)).toEqual([
      'directory.saas-user.created.v1',
      'directory.saas-user.deactivated.v1',
      'directory.saas-user.reactivated.v1',
    ]);
  });

  it('suggests mappings from field names and sample values, with confidence and reason', async () => {
    const { suggestions } = await f.rpc.request(MappingDefinitionsSuggest, { integrationId });
    const email = suggestions.find((s) => s.target === 'person.email');
    expect(email).toMatchObject({ source: 'email', transform: { type: 'lower_case' } });
    expect(email!.confidence).toBeGreaterThan(0.9);
    expect(email!.reason).toContain('looks like an email');
    expect(suggestions.find((s) => s.target === 'saasUser.externalId')).toMatchObject({ source: 'id' });
    expect(suggestions.find((s) => s.target === 'custom.pagerduty_user_id')).toMatchObject({ source: 'id' });
    expect(suggestions.find((s) => s.target === 'saasUser.lastActivityAt')).toMatchObject({ source: 'last_sign_in_at', transform: { type: 'date' } });
  });

  describe('Smart Mapping before any mapping is saved', () => {
    // Plays integration-sync's `sync.integrations.sample-page`: one page read from the vendor.
    const fresh = uuidv7();
    const refusing = uuidv7();
    const asked: string[] = [];
    beforeAll(() => {
      const nats = f.svc.running.app.get(NatsConnectionHolder).nc;
      nats.subscribe(f.svc.running.app.get(Naming).subject('sync.integrations.sample-page'), {
        callback: (_err, msg) => {
          const { integrationId: id } = JSON.parse(new TextDecoder().decode(msg.data)) as { integrationId: string };
          asked.push(id);
          const reply =
            id === fresh
              ? { ok: true, data: { integrationId: id, vendor: 'pagerduty', endpoint: 'http://sim', records: pdUsers('fresh', 3) } }
              : id === refusing
                ? { ok: true, data: { integrationId: id, vendor: 'pagerduty', endpoint: 'http://sim', records: [], error: 'PagerDuty rejected the credential (401)' } }
                : { ok: false, error: { code: 'NOT_FOUND', message: `Integration ${id} does not exist` } };
          msg.respond(new TextEncoder().encode(JSON.stringify(reply)));
        },
      });
    });

    it('suggests and lists source fields from one page read from the vendor, and writes nothing', async () => {
      const before = await f.count('select (select count(*) from mapping.saas_user) + (select count(*) from mapping.person) + (select count(*) from mapping.mapping_definition) as n');
      const { suggestions } = await f.rpc.request(MappingDefinitionsSuggest, { integrationId: fresh });
      expect(suggestions.find((s) => s.target === 'person.email')).toMatchObject({ source: 'email', reason: expect.stringContaining('looks like an email') });
      const fields = await f.rpc.request(MappingDefinitionsSourceFields, { integrationId: fresh });
      expect(fields).toMatchObject({ integrationId: fresh, vendor: 'pagerduty', samplesFrom: 'vendor_sample', samplesFromRunId: null });
      expect(fields.sourceFields).toEqual(expect.arrayContaining([{ name: 'email', sample: 'ann1@fresh.example.com' }]));
      expect(await f.count('select (select count(*) from mapping.saas_user) + (select count(*) from mapping.person) + (select count(*) from mapping.mapping_definition) as n')).toBe(before);
    });

    it("uses the latest run's samples once there are some, without asking the vendor", async () => {
      asked.length = 0;
      const fields = await f.rpc.request(MappingDefinitionsSourceFields, { integrationId });
      expect(fields).toMatchObject({ samplesFrom: 'run', samplesFromRunId: expect.any(String) });
      expect(asked).toEqual([]);
    });

    it("offers the connector's known fields, and the reason, when the vendor cannot be read", async () => {
      const fields = await f.rpc.request(MappingDefinitionsSourceFields, { integrationId: refusing });
      expect(fields).toMatchObject({ samplesFrom: 'none', samplesError: 'PagerDuty rejected the credential (401)' });
      expect(fields.sourceFields).toEqual(expect.arrayContaining([{ name: 'email', sample: null }]));
    });

    it('answers NOT_FOUND for an integration that does not exist', async () => {
      await expect(f.rpc.request(MappingDefinitionsSuggest, { integrationId: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(f.rpc.request(MappingDefinitionsSourceFields, { integrationId: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('answers workflows: counts by rule, sets roles in one statement (quotes and backslashes kept), marks deleted', async () => {
    const wf = uuidv7();
    await f.putDefinition(pagerDutyDefinition(wf));
    await f.sync(wf, pdUsers('wf', 3));
    const ofWf = { field: 'email', op: 'contains', value: '@wf.example.com' };
    const listed = await f.rpc.request(DirectorySaasUsersList, { filter: ofWf });
    expect(listed.data).toHaveLength(3);
    const [a, b, c] = listed.data as [SaasUserView, SaasUserView, SaasUserView];
    expect(await f.rpc.request(DirectorySaasUsersCount, { saasAppId: a.saasAppId, status: 'active', filter: ofWf })).toEqual({ count: 3 });

    const role = `on-call "lead", \\ a's {x,y}`;
    const unknown = uuidv7();
    const set = await f.rpc.request(DirectorySaasUsersSetRoles, {
      updates: [
        { saasUserId: a.id, vendorRole: role },
        { saasUserId: b.id, vendorRole: b.vendorRole as string },
        { saasUserId: unknown, vendorRole: 'admin' },
      ],
    });
    expect(set).toEqual({ updated: 1, unchanged: 1, missing: [unknown] });
    const withRole = await f.rpc.request(DirectorySaasUsersList, { filter: { field: 'vendorRole', op: 'eq', value: role } });
    expect(withRole.data.map((s) => s.id)).toEqual([a.id]);

    expect(await f.rpc.request(DirectorySaasUsersMarkDeleted, { saasUserId: c.id, reason: 'deleted in PagerDuty by workflow' })).toMatchObject({
      status: 'deleted',
      deactivatedReason: 'deleted in PagerDuty by workflow',
    });
    expect(await f.rpc.request(DirectorySaasUsersCount, { status: 'deleted', filter: ofWf })).toEqual({ count: 1 });
    const subjects = await f.pg.query(`select subject from mapping.outbox where entity_key = any($1) and subject not like '%created%' order by id`, [
      [`saas-user:${a.id}`, `saas-user:${b.id}`, `saas-user:${c.id}`],
    ]);
    expect(subjects.rows.map((r: { subject: string }) => r.subject)).toEqual(['directory.saas-user.updated.v1', 'directory.saas-user.deleted.v1']);
  });
});
