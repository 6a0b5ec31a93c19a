import { MikroORM } from '@mikro-orm/postgresql';
import type { EventEnvelope, PersonSnapshot, SaasUserSnapshot } from '@seatkeeper/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@seatkeeper/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ReportingEnv } from '../src/config/reporting.env';
import { DirectoryProjection } from '../src/projections/directory.projection';
import { reportingService } from '../src/service-definition';

const APP = randomUUID();
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();

function saasUserEvent(saasUserId: string, externalId: string, minute: number, patch: Partial<SaasUserSnapshot>): EventEnvelope<SaasUserSnapshot> {
  return {
    id: randomUUID(),
    type: 'directory.saas_user.updated.v1',
    occurredAt: at(minute),
    correlationId: randomUUID(),
    entityKey: `saas-user:${saasUserId}`,
    data: { saasUserId, saasAppId: APP, externalId, status: 'active', email: `${externalId}@example.com`, ...patch },
  } as EventEnvelope<SaasUserSnapshot>;
}

function personEvent(personId: string, minute: number, fullName: string): EventEnvelope<PersonSnapshot> {
  return {
    id: randomUUID(),
    type: 'directory.person.updated.v1',
    occurredAt: at(minute),
    correlationId: randomUUID(),
    entityKey: `person:${personId}`,
    data: { personId, email: `${personId.slice(0, 8)}@example.com`, fullName },
  } as EventEnvelope<PersonSnapshot>;
}

/**
 * The set-based projection against real Postgres: one call with the same account named several
 * times (and out of time order) leaves the same row and the same status history as applying its
 * events one at a time; an older event after a newer one changes nothing.
 */
describe('DirectoryProjection, a batch at a time', () => {
  let reporting: ServiceUnderTest<ReportingEnv>;
  let pg: Client;
  let projection: DirectoryProjection;
  let orm: MikroORM;

  beforeAll(async () => {
    reporting = await startServiceForTest(reportingService, { REPORTING_SHARE_LINK_KEY: 'k'.repeat(40) });
    projection = reporting.running.app.get(DirectoryProjection);
    orm = reporting.running.app.get(MikroORM);
    pg = new Client({ connectionString: reporting.db.url });
    await pg.connect();
  }, 120_000);
  afterAll(async () => {
    await pg?.end();
    await reporting?.stop();
  });

  const apply = (events: EventEnvelope<SaasUserSnapshot>[]) => orm.em.fork().transactional((em) => projection.saasUsers(em, events));
  const row = async (id: string) =>
    (await pg.query(`select status, email, vendor_role, updated_at from reporting.rm_saas_user where saas_user_id = $1`, [id])).rows[0];
  const history = async (id: string) =>
    (await pg.query(`select status, occurred_at from reporting.rm_saas_user_status_change where saas_user_id = $1 order by occurred_at`, [id])).rows;

  it('writes an account named several times in one batch as its events one at a time would', async () => {
    const story = (id: string, ext: string) => [
      saasUserEvent(id, ext, 1, { status: 'active', vendorRole: 'user' }),
      saasUserEvent(id, ext, 2, { status: 'deactivated', vendorRole: 'user' }),
      saasUserEvent(id, ext, 1, { status: 'active', vendorRole: 'stale' }), // older than the one before: no effect
      saasUserEvent(id, ext, 3, { status: 'active', vendorRole: 'admin' }),
    ];
    const [batched, single, other] = [randomUUID(), randomUUID(), randomUUID()];
    // One call: the batched account's four events interleaved with another account's one.
    const batchedEvents = story(batched, 'B');
    await apply([batchedEvents[0]!, saasUserEvent(other, 'O', 5, { status: 'active' }), ...batchedEvents.slice(1)]);
    for (const e of story(single, 'S')) await apply([e]);

    const [b, s] = [await row(batched), await row(single)];
    expect(b).toEqual({ ...s, email: 'B@example.com' });
    expect(b).toMatchObject({ status: 'active', vendor_role: 'admin', updated_at: new Date(at(3)) });
    // The same points either way; the late event adds one (as one applied alone always has) that repeats a status already on the timeline.
    const points = await history(batched);
    expect(points).toEqual(await history(single));
    expect(points.map((p: { status: string; occurred_at: Date }) => `${p.status}@${p.occurred_at.toISOString().slice(14, 16)}`)).toEqual([
      'active@01',
      'active@01',
      'deactivated@02',
      'active@03',
    ]);
    expect(await row(other)).toMatchObject({ status: 'active' });
  });

  it('upserts a batch of people, the newest event winning for a person named twice', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await orm.em.fork().transactional((em) => projection.people(em, [personEvent(a, 2, 'A two'), personEvent(b, 1, 'B one'), personEvent(a, 1, 'A one'), personEvent(a, 3, 'A three')]));
    const names = (await pg.query(`select person_id, full_name from reporting.rm_person where person_id = any($1) order by full_name`, [[a, b]])).rows;
    expect(names).toEqual([
      { person_id: a, full_name: 'A three' },
      { person_id: b, full_name: 'B one' },
    ]);
  });
});
