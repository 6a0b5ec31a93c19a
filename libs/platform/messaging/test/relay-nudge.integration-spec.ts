import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, deleteStreamsWithPrefix, expectEventually, testInfra, uniqueNatsPrefix, type TestDatabase } from '@seatkeeper/testing-infra';
import { randomUUID } from 'node:crypto';
import { migrateTestSchemas, query, startTestService, WidgetCopier, WidgetProducer, MESSAGING_TEST_DB_KEY } from './harness';

/**
 * The relay polls an empty outbox less and less often (idle back-off), so a commit that wrote
 * outbox rows must nudge it: here the poll waits a minute, and the event still arrives at once.
 */
describe('a commit that wrote outbox rows nudges the relay', () => {
  const natsUrl = testInfra().natsUrl;
  const prefix = uniqueNatsPrefix();
  let db: TestDatabase;
  let producer: INestApplicationContext;
  let consumer: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
    const common = { databaseUrl: db.url, natsUrl, prefix };
    producer = await startTestService({
      ...common,
      service: 'integration-sync',
      schema: 'svc_a',
      providers: [WidgetProducer],
      messaging: { relay: { idleDelayMs: 60_000, maxIdleDelayMs: 60_000 } },
    });
    consumer = await startTestService({ ...common, service: 'mapping', schema: 'svc_b', providers: [WidgetCopier] });
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await deleteStreamsWithPrefix(natsUrl, prefix);
    await db?.drop();
  });

  it('publishes the committed event without waiting for the next poll', async () => {
    const arrived = (id: string) => query(db.url, 'select name from svc_b.widget_copies where id = $1', [id]);
    // After publishing this one, the relay waits a minute before it looks again.
    const first = randomUUID();
    await producer.get(WidgetProducer).create(first, 'first');
    await expectEventually(async () => expect(await arrived(first)).toEqual([{ name: 'first' }]), { timeoutMs: 20_000 });
    const second = randomUUID();
    await producer.get(WidgetProducer).create(second, 'nudged');
    await expectEventually(async () => expect(await arrived(second)).toEqual([{ name: 'nudged' }]), { timeoutMs: 10_000 });
  });
});
