import type { INestApplicationContext } from '@nestjs/common';
import {
  createTestDatabase,
  deleteStreamsWithPrefix,
  expectEventually,
  NatsServerProcess,
  testInfra,
  uniqueNatsPrefix,
  type TestDatabase,
} from '@seatkeeper/testing-infra';
import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { Naming } from '../src';
import { migrateTestSchemas, query, startTestService, WidgetCopier, WidgetProducer, MESSAGING_TEST_DB_KEY } from './harness';

describe('outbox relay and consumers under failure and scale', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
  });
  afterEach(async () => {
    await db.drop();
  });

  it('delivers an event committed while NATS was down once NATS is back', async () => {
    const nats = new NatsServerProcess();
    await nats.start();
    const prefix = uniqueNatsPrefix();
    const common = { databaseUrl: db.url, natsUrl: nats.url, prefix };
    const producer = await startTestService({ ...common, service: 'integration-sync', schema: 'svc_a', providers: [WidgetProducer] });
    const consumer = await startTestService({ ...common, service: 'mapping', schema: 'svc_b', providers: [WidgetCopier] });
    try {
      await nats.stop();
      const id = randomUUID();
      // The business transaction does not touch NATS, so it commits while NATS is away.
      await producer.get(WidgetProducer).create(id, 'while-down');
      const pending = await query(db.url, 'select 1 from svc_a.outbox where entity_key = $1 and published_at is null', [`widget:${id}`]);
      expect(pending).toHaveLength(1);
      await nats.start();
      await expectEventually(
        async () =>
          expect(await query(db.url, 'select applied_count from svc_b.widget_copies where id = $1', [id])).toEqual([
            { applied_count: 1 },
          ]),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    } finally {
      await consumer.close();
      await producer.close();
      await nats.dispose();
    }
  });

  it('with two relays and two consumer replicas on one schema, publishes and applies every event exactly once', async () => {
    const natsUrl = testInfra().natsUrl;
    const prefix = uniqueNatsPrefix();
    const naming = new Naming(prefix);
    const common = { databaseUrl: db.url, natsUrl, prefix };
    const apps: INestApplicationContext[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        apps.push(await startTestService({ ...common, service: 'integration-sync', schema: 'svc_a', providers: [WidgetProducer] }));
        apps.push(await startTestService({ ...common, service: 'mapping', schema: 'svc_b', providers: [WidgetCopier] }));
      }
      const producers = apps.filter((_, i) => i % 2 === 0).map((a) => a.get(WidgetProducer));
      const ids = Array.from({ length: 300 }, () => randomUUID());
      await Promise.all(ids.map((id, i) => producers[i % 2]!.create(id, `w${i}`)));
      await expectEventually(
        async () => {
          const [row] = await query<{ n: string; max: number }>(
            db.url,
            'select count(*) as n, max(applied_count) as max from svc_b.widget_copies',
          );
          expect(Number(row!.n)).toBe(300);
          expect(row!.max).toBe(1);
        },
        { timeoutMs: 30_000 },
      );
      // Each row published once: the stream holds exactly one message per event.
      const nc = await connect({ servers: natsUrl });
      try {
        const info = await (await nc.jetstreamManager()).streams.info(naming.stream('SYNC'));
        expect(info.state.messages).toBe(300);
      } finally {
        await nc.close();
      }
      expect(await query(db.url, 'select 1 from svc_a.outbox where published_at is null')).toEqual([]);
    } finally {
      await Promise.allSettled(apps.map((a) => a.close()));
      await deleteStreamsWithPrefix(natsUrl, prefix);
    }
  });
});
