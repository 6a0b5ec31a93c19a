import { MappingQuarantineList, MappingQuarantineRetry } from '@seatkeeper/contracts';
import { v7 as uuidv7 } from 'uuid';
import { MappingFixture, pagerDutyDefinition, pdUser, pdUsers } from './mapping-fixture';

describe('quarantine and reconciliation', () => {
  let f: MappingFixture;

  beforeAll(async () => {
    f = await MappingFixture.start();
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('quarantines bad records with their reasons, applies the rest, and retries them once the mapping is fixed', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId));
    const good = pdUsers('bad', 200);
    const bad = [
      pdUser('bad', 901, { email: null }),
      pdUser('bad', 902, { email: 'not-an-email' }),
      pdUser('bad', 903, { id: 'PDUPLICATE' }),
      pdUser('bad', 904, { id: 'PDUPLICATE' }),
      pdUser('bad', 905, { name: 'A'.repeat(300) }),
      pdUser('bad', 906, { invitation_sent: 'yes' }),
    ];
    const observer = pdUser('bad', 907, { role: 'observer' });

    const run = await f.sync(integrationId, [...good.slice(0, 100), ...bad, observer, ...good.slice(100)], { pageSize: 1000 });

    expect(run).toMatchObject({ created: 200, quarantined: 6, filtered: 1 });
    expect(await f.count(`select count(*) as n from mapping.person where email like '%@bad.example.com'`)).toBe(200);
    const listed = await f.rpc.request(MappingQuarantineList, { integrationId, status: 'open' });
    const reasons = Object.fromEntries(listed.data.map((q) => [String(q.record['email']), q.reason]));
    expect(reasons).toEqual({
      null: 'no email: person.email is empty',
      'not-an-email': 'person.email: invalid email "not-an-email"',
      'ann903@bad.example.com': 'two or more records in this batch share custom.pagerduty_user_id = "PDUPLICATE"',
      'ann904@bad.example.com': 'two or more records in this batch share custom.pagerduty_user_id = "PDUPLICATE"',
      'ann905@bad.example.com': 'person.fullName: value too long (300 > 200 characters)',
      'ann906@bad.example.com': 'saasUser.invitationSent: wrong type, expected true or false, got string "yes"',
    });
    expect(listed.data.find((q) => q.record['email'] === 'ann906@bad.example.com')?.record).toEqual(bad[5]);

    // The admin maps PagerDuty's "yes"/"no" and retries: that record applies, the others stay.
    const def = pagerDutyDefinition(integrationId);
    await f.putDefinition({
      ...def,
      mappings: def.mappings.map((m) =>
        m.target === 'saasUser.invitationSent' ? { ...m, transform: { type: 'value_map', map: { yes: 'true', no: 'false' } } } : m,
      ),
    });
    expect(await f.rpc.request(MappingQuarantineRetry, { integrationId })).toEqual({ retried: 6, applied: 1, stillQuarantined: 5 });
    expect(await f.count(`select count(*) as n from mapping.saas_user where email = 'ann906@bad.example.com' and invitation_sent`)).toBe(1);
    expect((await f.rpc.request(MappingQuarantineList, { integrationId, status: 'open' })).data).toHaveLength(5);
  });

  it('complete run: users removed upstream are marked and, with the option on and within the gate, deactivated', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId, { deactivateMissing: true }));
    const users = pdUsers('gone', 1000);
    await f.sync(integrationId, users);
    const eventsBefore = await f.count(`select count(*) as n from mapping.outbox where subject = 'directory.saas-user.deactivated.v1'`);

    // The run-fetched fact overtakes the pages: mapping still waits for every page.
    const run = await f.sync(integrationId, users.slice(30), { runFetchedFirst: true, pageSize: 250 });

    expect(run).toMatchObject({ missing: 30, deactivated: 30, unchanged: 970 });
    expect(
      await f.count(
        `select count(*) as n from mapping.saas_user where integration_id = $1 and status = 'deactivated'
         and deactivated_reason = 'missing upstream' and missing_upstream_since is not null`,
        [integrationId],
      ),
    ).toBe(30);
    expect(await f.count(`select count(*) as n from mapping.outbox where subject = 'directory.saas-user.deactivated.v1'`)).toBe(eventsBefore + 30);
    expect(await f.appliedEvent(run.run_id)).toMatchObject({ complete: true, missing: 30, deactivated: 30, gateTripped: false });

    // Back upstream: the marker clears and the account is active again.
    const back = await f.sync(integrationId, users);
    expect(back).toMatchObject({ missing: 0, updated: 30 });
    expect(await f.count(`select count(*) as n from mapping.saas_user where integration_id = $1 and status = 'active' and missing_upstream_since is null`, [integrationId])).toBe(1000);
  });

  it('incomplete run: nothing is reconciled', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId, { deactivateMissing: true }));
    const users = pdUsers('partial', 600);
    await f.sync(integrationId, users);

    const run = await f.sync(integrationId, users.slice(0, 300), { complete: false, reason: 'page 3 failed: HTTP 500' });

    expect(run).toMatchObject({ missing: 0, deactivated: 0 });
    expect(run.reconcile_note).toBe('run incomplete (page 3 failed: HTTP 500): nothing reconciled');
    expect(
      await f.count(`select count(*) as n from mapping.saas_user where integration_id = $1 and (status <> 'active' or missing_upstream_since is not null)`, [
        integrationId,
      ]),
    ).toBe(0);
  });

  it('a removal beyond the blast-radius gate deactivates nothing and says why', async () => {
    const integrationId = uuidv7();
    await f.putDefinition(pagerDutyDefinition(integrationId, { deactivateMissing: true }));
    const users = pdUsers('gate', 1000);
    await f.sync(integrationId, users);

    const run = await f.sync(integrationId, users.slice(60));

    expect(run).toMatchObject({ missing: 60, deactivated: 0 });
    expect(run.reconcile_note).toMatch(/^blast-radius gate: 60 SaaS users would be deactivated, more than this run may \(50: .*nothing was deactivated$/);
    expect(await f.count(`select count(*) as n from mapping.saas_user where integration_id = $1 and status = 'deactivated'`, [integrationId])).toBe(0);
    expect(await f.count(`select count(*) as n from mapping.saas_user where integration_id = $1 and missing_upstream_since is not null`, [integrationId])).toBe(60);
    expect(await f.appliedEvent(run.run_id)).toMatchObject({ missing: 60, deactivated: 0, gateTripped: true });
  });

  it('two PagerDuty accounts in one app: each integration\'s gate counts its own accounts, not the whole app', async () => {
    // A small account beside a large one: 20 of the small one's 100 users gone is 20% of what
    // this run may deactivate, though less than 1% of the app. The gate must trip.
    const small = uuidv7();
    const large = uuidv7();
    await f.putDefinition(pagerDutyDefinition(small, { deactivateMissing: true }));
    await f.putDefinition(pagerDutyDefinition(large, { deactivateMissing: true }));
    const smallUsers = pdUsers('small-acct', 100);
    await f.sync(small, smallUsers);
    await f.sync(large, pdUsers('large-acct', 2000), { pageSize: 1000 });

    const run = await f.sync(small, smallUsers.slice(20));

    expect(run).toMatchObject({ missing: 20, deactivated: 0 });
    expect(run.reconcile_note).toMatch(/more than this run may \(10: at most 10% of 100 and at most 50\); nothing was deactivated$/);
    expect(await f.count(`select count(*) as n from mapping.saas_user where integration_id = $1 and status = 'deactivated'`, [small])).toBe(0);

    // Within its own gate (5 of 100), the small account's removals go ahead.
    const within = await f.sync(small, smallUsers.slice(5));
    expect(within).toMatchObject({ missing: 5, deactivated: 5 });
  });
});
