import { MappingDefinitionsCheck, SyncBatchFetchedV1, SyncRunFetchedV1, type RecordType, type SyncPreference } from '@seatkeeper/contracts';
import { expectEventually } from '@seatkeeper/testing';
import { v7 as uuidv7 } from 'uuid';
import { MappingFixture, pagerDutyDefinition, pdUser, pdUsers, type SyncRunRow } from './mapping-fixture';

const USERS = 2000;
const PRE_EXISTING = 500;

describe('applying a sync (2,000 PagerDuty users)', () => {
  let f: MappingFixture;

  beforeAll(async () => {
    f = await MappingFixture.start();
  });

  afterAll(async () => {
    await f?.stop();
  });

  const cases: [SyncPreference, RecordType, { people: number; saasUsers: number; renamed: number }][] = [
    ['create_update', 'user', { people: USERS, saasUsers: 0, renamed: PRE_EXISTING }],
    ['create_update', 'user_and_saas_user', { people: USERS, saasUsers: USERS, renamed: PRE_EXISTING }],
    ['create_only', 'user', { people: USERS, saasUsers: 0, renamed: 0 }],
    ['create_only', 'user_and_saas_user', { people: USERS, saasUsers: USERS, renamed: 0 }],
    ['update_only', 'user', { people: PRE_EXISTING, saasUsers: 0, renamed: PRE_EXISTING }],
    ['update_only', 'user_and_saas_user', { people: PRE_EXISTING, saasUsers: PRE_EXISTING, renamed: PRE_EXISTING }],
  ];

  it.each(cases)('preference %s, record type %s: exactly the expected people and SaaS users', async (preference, recordType, expected) => {
    const integrationId = uuidv7();
    const scope = `${preference.replace(/_/g, '')}${recordType === 'user' ? 'u' : 's'}`;
    // 500 of the users exist already, with an older job title, from an earlier create-and-update run.
    await f.putDefinition(pagerDutyDefinition(integrationId, { recordType }));
    const earlier = pdUsers(scope, PRE_EXISTING).map((u) => ({ ...u, job_title: 'Intern' }));
    await f.sync(integrationId, earlier);
    await f.putDefinition(pagerDutyDefinition(integrationId, { recordType, preference }));

    const run = await f.sync(integrationId, pdUsers(scope, USERS));

    const domain = `%@${scope}.example.com`;
    expect(await f.count('select count(*) as n from mapping.person where email like $1', [domain])).toBe(expected.people);
    expect(await f.count('select count(*) as n from mapping.saas_user where email like $1', [domain])).toBe(expected.saasUsers);
    expect(await f.count(`select count(*) as n from mapping.person where email like $1 and job_title = 'Engineer'`, [domain])).toBe(
      expected.people - (PRE_EXISTING - expected.renamed),
    );
    const created = USERS - PRE_EXISTING;
    expect(run).toMatchObject({
      created: preference === 'update_only' ? 0 : created,
      updated: preference === 'create_only' ? 0 : PRE_EXISTING,
      skipped: preference === 'create_only' ? PRE_EXISTING : preference === 'update_only' ? created : 0,
      quarantined: 0,
    });
    if (recordType === 'user_and_saas_user') {
      const { rows } = await f.pg.query(
        `select s.vendor_role, s.type, s.invitation_sent, s.last_activity_at, s.last_activity_source, p.email, p.custom_fields
         from mapping.saas_user s join mapping.person p on p.id = s.person_id where s.external_id = $1`,
        [pdUser(scope, 10)['id']],
      );
      expect(rows[0]).toMatchObject({
        vendor_role: 'admin',
        type: 'user',
        invitation_sent: false,
        last_activity_source: 'pagerduty.last_sign_in_at',
        email: `ann10@${scope}.example.com`,
        custom_fields: { pagerduty_user_id: pdUser(scope, 10)['id'] },
      });
    }
  });

  it("applies a batch under the integration's own record type and preference, which win over the definition's copies", async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId, { recordType: 'user_and_saas_user', preference: 'create_update' }));
    await f.sync(integrationId, pdUsers('owned', 10));
    const run = await f.sync(integrationId, pdUsers('owned', 30), { settings: { recordType: 'user', preference: 'update_only' } });
    expect(run).toMatchObject({ created: 0, skipped: 20 });
    expect(await f.count(`select count(*) as n from mapping.person where email like '%@owned.example.com'`)).toBe(10);
  });

  it('a definition edited mid-run does not split the run: every page, the reconcile and the applied event use the settings it started with', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId, { recordType: 'user_and_saas_user', preference: 'create_update' }));
    const users = pdUsers('midrun', 40);
    const runId = uuidv7();
    const page = (seq: number) => ({ runId, integrationId, vendor: 'pagerduty', seq, records: users.slice((seq - 1) * 20, seq * 20) });
    // A producer that sends no settings: mapping records the definition's when the first page arrives.
    await f.publish(SyncBatchFetchedV1, page(1));
    await expectEventually(async () => {
      expect(await f.count('select batches_applied as n from mapping.sync_run where run_id = $1', [runId])).toBe(1);
    });
    // Record type and preference change; the mappings stay (they would apply to the run's own record type).
    const { mappings } = pagerDutyDefinition(integrationId);
    await f.putDefinition(pagerDutyDefinition(integrationId, { recordType: 'user', preference: 'update_only', mappings }));
    await f.publish(SyncBatchFetchedV1, page(2));
    await f.publish(SyncRunFetchedV1, { runId, integrationId, vendor: 'pagerduty', batches: 2, records: 40, complete: true });
    const run = await expectEventually(async () => {
      const { rows } = await f.pg.query<SyncRunRow>('select * from mapping.sync_run where run_id = $1 and finished_at is not null', [runId]);
      expect(rows).toHaveLength(1);
      return rows[0] as SyncRunRow;
    });

    expect(run).toMatchObject({ created: 40, skipped: 0, record_type: 'user_and_saas_user', preference: 'create_update' });
    expect(await f.count(`select count(*) as n from mapping.saas_user where email like '%@midrun.example.com'`)).toBe(40);
    const applied = await f.appliedEvent(runId);
    expect(applied['saasAppId']).toEqual(expect.any(String));
    expect(applied['reconcileNote']).toBeUndefined();
  });

  it('a poison record in a page of 500 is quarantined with its reason, the other 499 apply once, and the page delivered again has no second effect', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId));
    const users = pdUsers('poison', 500).map((u, i) => (i === 250 ? { ...u, email: 'not an email' } : u));
    const runId = uuidv7();
    const page = { runId, integrationId, vendor: 'pagerduty', seq: 1, recordType: 'user_and_saas_user', preference: 'create_update', records: users };
    const eventsBefore = await f.directoryEvents();
    await f.publish(SyncBatchFetchedV1, page);
    await f.publish(SyncBatchFetchedV1, page); // the same page again, under a new event id
    await f.publish(SyncRunFetchedV1, { runId, integrationId, vendor: 'pagerduty', batches: 1, records: 500, complete: true });
    const run = await expectEventually(async () => {
      const { rows } = await f.pg.query<SyncRunRow>('select * from mapping.sync_run where run_id = $1 and finished_at is not null', [runId]);
      expect(rows).toHaveLength(1);
      return rows[0] as SyncRunRow;
    });

    expect(run).toMatchObject({ created: 499, quarantined: 1, updated: 0 });
    expect(await f.count(`select count(*) as n from mapping.person where email like '%@poison.example.com'`)).toBe(499);
    expect(await f.count(`select count(*) as n from mapping.saas_user where email like '%@poison.example.com'`)).toBe(499);
    const { rows: quarantined } = await f.pg.query<{ reason: string; record_key: string }>(
      `select reason, record_key from mapping.quarantined_record where integration_id = $1 and status = 'open'`,
      [integrationId],
    );
    expect(quarantined).toEqual([{ reason: expect.stringMatching(/email/i), record_key: `id:${String(users[250]?.['id'])}` }]);
    // One person and one SaaS user event per applied record: the second delivery added none.
    expect((await f.directoryEvents()) - eventsBefore).toBe(2 * 499);
  });

  it('a second, unchanged sync writes nothing and emits nothing', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId));
    const users = pdUsers('same', USERS);
    const first = await f.sync(integrationId, users);
    expect(first.created).toBe(USERS);
    const eventsBefore = await f.directoryEvents();
    const { rows: before } = await f.pg.query(
      `select max(updated_at) as p, (select max(updated_at) from mapping.saas_user where email like '%@same.example.com') as s
       from mapping.person where email like '%@same.example.com'`,
    );

    const second = await f.sync(integrationId, users);

    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: USERS, quarantined: 0, missing: 0 });
    expect(await f.directoryEvents()).toBe(eventsBefore);
    const { rows: after } = await f.pg.query(
      `select max(updated_at) as p, (select max(updated_at) from mapping.saas_user where email like '%@same.example.com') as s
       from mapping.person where email like '%@same.example.com'`,
    );
    expect(after).toEqual(before);
    expect(await f.appliedEvent(second.run_id)).toMatchObject({ complete: true, created: 0, updated: 0, unchanged: USERS });
  });

  it('a rename and an email change upstream stay one person each', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId));
    const users = pdUsers('moves', 50);
    await f.sync(integrationId, users);
    const renamed: Record<string, unknown> = { ...users[3], name: 'Ann Renamed' };
    const moved: Record<string, unknown> = { ...users[7], email: 'ann.new.address@moves.example.com' };
    const changed = users.map((u, i) => (i === 3 ? renamed : i === 7 ? moved : u));

    const run = await f.sync(integrationId, changed);

    expect(run).toMatchObject({ created: 0, updated: 2, unchanged: 48 });
    expect(await f.count(`select count(*) as n from mapping.person where email like '%@moves.example.com'`)).toBe(50);
    const { rows } = await f.pg.query(
      `select p.full_name, p.last_name, p.email, p.username, s.email as su_email from mapping.person p
       join mapping.saas_user s on s.person_id = p.id where s.external_id in ($1, $2) order by s.external_id`,
      [renamed['id'], moved['id']],
    );
    expect(rows).toEqual([
      { full_name: 'Ann Renamed', last_name: 'Renamed', email: 'ann4@moves.example.com', username: 'ann4@moves.example.com', su_email: 'ann4@moves.example.com' },
      {
        full_name: users[7]?.['name'],
        last_name: 'Examplemoves',
        email: 'ann.new.address@moves.example.com',
        username: 'ann.new.address@moves.example.com',
        su_email: 'ann.new.address@moves.example.com',
      },
    ]);
    // The old address is free again: it now names nobody.
    expect(await f.count(`select count(*) as n from mapping.person_identity where key_value = 'ann8@moves.example.com'`)).toBe(0);
    const { rows: events } = await f.pg.query(
      `select envelope::jsonb->'data'->'changed' as changed from mapping.outbox where subject = 'directory.person.updated.v1'
       and envelope::jsonb->'data'->>'email' = 'ann.new.address@moves.example.com'`,
    );
    expect(events[0]?.changed).toEqual({ email: 'ann.new.address@moves.example.com', username: 'ann.new.address@moves.example.com' });
  });

  it('tells the sync service whether an integration may launch, and what is missing', async () => {
    const integrationId = uuidv7();
    expect(await f.rpc.request(MappingDefinitionsCheck, { integrationId })).toEqual({
      ok: false,
      missing: ['No mapping definition exists for this integration'],
    });
    const complete = pagerDutyDefinition(integrationId);
    await f.putDefinition({ ...complete, mappings: complete.mappings.filter((m) => !['person.username', 'person.directoryRole'].includes(m.target)), syncKeys: [] });
    const check = await f.rpc.request(MappingDefinitionsCheck, { integrationId });
    expect(check.ok).toBe(false);
    expect(check.missing).toEqual(
      expect.arrayContaining([
        'Map the email field to person.username',
        expect.stringContaining('Choose a directory role'),
        expect.stringContaining('Choose at least one sync key'),
      ]),
    );
    await f.putDefinition(complete);
    expect(await f.rpc.request(MappingDefinitionsCheck, { integrationId })).toEqual({ ok: true, missing: [] });
  });
});
