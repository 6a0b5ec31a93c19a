import { MikroORM } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, deleteStreamsWithPrefix, expectEventually, testInfra, uniqueNatsPrefix, type TestDatabase } from '@seatkeeper/testing-infra';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { admitToInbox } from '../src';
import { migrateTestSchemas, query, startTestService, WidgetCreatedV1, MESSAGING_TEST_DB_KEY } from './harness';

/**
 * An event about an entity has no inbox row: its entity's cursor is what stops a second effect.
 * Two replicas admitting the same new entity's first event at once both read "no cursor"; the
 * second one's insert waits for the first's commit and must then refuse, not apply again.
 */
describe('entity cursor as the inbox', () => {
  const natsUrl = testInfra().natsUrl;
  const prefix = uniqueNatsPrefix();
  let db: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
    app = await startTestService({ service: 'mapping', schema: 'svc_b', databaseUrl: db.url, natsUrl, prefix, providers: [] });
  });

  afterAll(async () => {
    await app?.close();
    await deleteStreamsWithPrefix(natsUrl, prefix);
    await db?.drop();
  });

  it('lets one of two racing admissions of the same event through and refuses the other', async () => {
    const orm = app.get<MikroORM>(MikroORM);
    const widgetId = randomUUID();
    const envelope = {
      id: uuidv7(),
      type: WidgetCreatedV1.subject,
      occurredAt: new Date().toISOString(),
      source: 'test',
      correlationId: randomUUID(),
      causationId: null,
      entityKey: `widget:${widgetId}`,
      entitySeq: 1,
      data: { widgetId, name: 'w', version: 1 },
    };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstAdmitted!: () => void;
    const admitted = new Promise<void>((resolve) => (firstAdmitted = resolve));
    const first = orm.em.fork().transactional(async (em) => {
      const verdict = await admitToInbox(em, 'racer', envelope, 1, false);
      firstAdmitted();
      await held;
      return verdict;
    });
    await admitted;
    const second = orm.em.fork().transactional((em) => admitToInbox(em, 'racer', envelope, 1, false));
    // The second transaction's cursor insert is waiting for the first's row.
    await expectEventually(async () => {
      const waiting = await query(db.url, "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
      expect(waiting).toHaveLength(1);
    });
    release();
    await expect(first).resolves.toBe('apply');
    await expect(second).rejects.toThrow(/inbox race/);
    // Afterwards the event is stale for everyone, and it left no inbox row.
    await expect(orm.em.fork().transactional((em) => admitToInbox(em, 'racer', envelope, 1, false))).resolves.toBe('stale');
    expect(await query(db.url, 'select last_seq::int as seq from svc_b.inbox_entity_cursor where consumer = $1', ['racer'])).toEqual([{ seq: 1 }]);
    expect(await query(db.url, 'select 1 from svc_b.inbox where consumer = $1', ['racer'])).toEqual([]);
  });
});
