import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, deleteStreamsWithPrefix, expectEventually, testInfra, uniqueNatsPrefix, type TestDatabase } from '@seatkeeper/testing-infra';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { encodeJson, Naming } from '../src';
import { migrateTestSchemas, query, startTestService, WidgetCopier, WidgetProducer, MESSAGING_TEST_DB_KEY } from './harness';

describe('outbox → JetStream → inbox', () => {
  const natsUrl = testInfra().natsUrl;
  const prefix = uniqueNatsPrefix();
  const naming = new Naming(prefix);
  let db: TestDatabase;
  let producer: INestApplicationContext;
  let consumer: INestApplicationContext;
  let nc: NatsConnection;

  beforeAll(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
    const common = { databaseUrl: db.url, natsUrl, prefix };
    producer = await startTestService({ ...common, service: 'integration-sync', schema: 'svc_a', providers: [WidgetProducer] });
    consumer = await startTestService({ ...common, service: 'mapping', schema: 'svc_b', providers: [WidgetCopier] });
    nc = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await consumer?.close();
    await producer?.close();
    await deleteStreamsWithPrefix(natsUrl, prefix);
    await db?.drop();
  });

  const copies = (id: string) =>
    query<{ name: string; applied_count: number }>(db.url, 'select name, applied_count from svc_b.widget_copies where id = $1', [id]);

  it('commits the state change with its event, and the consumer applies it once in its own schema', async () => {
    const id = randomUUID();
    await producer.get(WidgetProducer).create(id, 'first');
    await expectEventually(async () => expect(await copies(id)).toEqual([{ name: 'first', applied_count: 1 }]));
    const [row] = await query<{ published_at: Date | null }>(db.url, 'select published_at from svc_a.outbox where entity_key = $1', [`widget:${id}`]);
    expect(row?.published_at).not.toBeNull();
  });

  it('never publishes an event written in a rolled-back transaction', async () => {
    const rolledBack = randomUUID();
    const committed = randomUUID();
    await expect(producer.get(WidgetProducer).create(rolledBack, 'ghost', true)).rejects.toThrow('business rule failed');
    await producer.get(WidgetProducer).create(committed, 'after');
    await expectEventually(async () => expect(await copies(committed)).toHaveLength(1));
    expect(await copies(rolledBack)).toEqual([]);
    expect(await query(db.url, 'select 1 from svc_a.outbox where entity_key = $1', [`widget:${rolledBack}`])).toEqual([]);
    expect(await query(db.url, 'select 1 from svc_a.widgets where id = $1', [rolledBack])).toEqual([]);
  });

  it('gives a delivery of the same event twice one effect (inbox)', async () => {
    const id = randomUUID();
    const envelope = envelopeFor('sync.widget.created.v1', { widgetId: id, name: 'twice', version: 1 });
    const js = nc.jetstream();
    // Two publishes with different Nats-Msg-Ids get past JetStream's dedupe: only the inbox stops the second.
    for (const msgID of [randomUUID(), randomUUID()]) {
      await js.publish(naming.subject(envelope.type), encodeJson(envelope), { msgID });
    }
    await expectEventually(async () => {
      const inbox = await query(db.url, 'select 1 from svc_b.inbox where event_id = $1', [envelope.id]);
      expect(inbox).toHaveLength(1);
      expect(await copies(id)).toEqual([{ name: 'twice', applied_count: 1 }]);
      const info = await (await nc.jetstreamManager()).consumers.info(naming.stream('SYNC'), naming.durable('mapping', naming.stream('SYNC')));
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    });
  });

  it('dead-letters an invalid payload with its reason and does not redeliver it', async () => {
    const bad = envelopeFor('sync.widget.created.v1', { widgetId: 'not-a-uuid', name: 42, version: -1 });
    const garbage = new TextEncoder().encode('{not json');
    const js = nc.jetstream();
    await js.publish(naming.subject(bad.type), encodeJson(bad), { msgID: randomUUID() });
    await js.publish(naming.subject('sync.widget.created.v1'), garbage, { msgID: randomUUID() });
    await expectEventually(async () => {
      const rows = await query<{ event_id: string | null; reason: string; deliveries: number }>(
        db.url,
        'select event_id, reason, deliveries from svc_b.dead_letter order by id',
      );
      // Handled concurrently, so in either order.
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ event_id: bad.id, deliveries: 1, reason: expect.stringMatching(/widgetId must be a UUID/) }),
          expect.objectContaining({ event_id: null, deliveries: 1, reason: 'malformed: the message is not JSON' }),
        ]),
      );
      const info = await (await nc.jetstreamManager()).consumers.info(naming.stream('SYNC'), naming.durable('mapping', naming.stream('SYNC')));
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    });
    expect(await query(db.url, 'select 1 from svc_b.inbox where event_id = $1', [bad.id])).toEqual([]);
  });

  it('applies the events of one entity in the order they were published', async () => {
    const id = randomUUID();
    const key = `widget:${id}`;
    const created = envelopeFor('sync.widget.created.v1', { widgetId: id, name: 'v1', version: 1 }, key, 1);
    const renamed = envelopeFor('sync.widget.renamed.v1', { widgetId: id, name: 'v2', version: 2 }, key, 2);
    const js = nc.jetstream();
    // The later event reaches the stream first; the consumer must wait for its predecessor.
    await js.publish(naming.subject(renamed.type), encodeJson(renamed), { msgID: renamed.id });
    await js.publish(naming.subject(created.type), encodeJson(created), { msgID: created.id });
    await expectEventually(async () => {
      const log = await query<{ version: number }>(db.url, 'select version from svc_b.widget_log where widget_id = $1 order by n', [id]);
      expect(log.map((r) => r.version)).toEqual([1, 2]);
    });
    expect(await copies(id)).toEqual([{ name: 'v2', applied_count: 1 }]);
  });

  it('keeps per-entity order for a burst of changes made through the outbox', async () => {
    const id = randomUUID();
    const widgets = producer.get(WidgetProducer);
    await widgets.create(id, 'v1');
    for (let version = 2; version <= 20; version++) await widgets.rename(id, `v${version}`, version);
    await expectEventually(async () => {
      const log = await query<{ version: number }>(db.url, 'select version from svc_b.widget_log where widget_id = $1 order by n', [id]);
      expect(log.map((r) => r.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });
});

function envelopeFor(type: string, data: object, entityKey?: string, entitySeq?: number) {
  return {
    id: uuidv7(),
    type,
    occurredAt: new Date().toISOString(),
    source: 'test',
    correlationId: randomUUID(),
    causationId: null,
    ...(entityKey ? { entityKey, entitySeq } : {}),
    data,
  };
}
