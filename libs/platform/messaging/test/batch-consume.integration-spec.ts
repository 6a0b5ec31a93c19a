import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, deleteStreamsWithPrefix, expectEventually, testInfra, uniqueNatsPrefix, type TestDatabase } from '@seatkeeper/testing-infra';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { encodeJson, ensureStreams, Naming, OnEvents } from '../src';
import { migrateTestSchemas, query, startTestService, TEST_STREAMS, WidgetCreatedV1, type WidgetPayload, MESSAGING_TEST_DB_KEY } from './harness';

/** A set-based handler (one INSERT per batch) that fails a whole statement on one bad widget. */
@Injectable()
class BatchCopier {
  @OnEvents(WidgetCreatedV1)
  async onCreated(events: { data: WidgetPayload }[], em: EntityManager): Promise<void> {
    if (events.some((e) => e.data.name === 'poison')) throw new Error('poison widget');
    await em.execute(
      `insert into widget_copies (id, name) select x.id, x.name from jsonb_to_recordset(?::jsonb) as x(id uuid, name text)
       on conflict (id) do update set applied_count = widget_copies.applied_count + 1`,
      [JSON.stringify(events.map((e) => ({ id: e.data.widgetId, name: e.data.name })))],
    );
  }
}

describe('consuming pulled batches', () => {
  const natsUrl = testInfra().natsUrl;
  const prefix = uniqueNatsPrefix();
  const naming = new Naming(prefix);
  let db: TestDatabase;
  let consumer: INestApplicationContext | undefined;
  let nc: NatsConnection;

  beforeAll(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
    nc = await connect({ servers: natsUrl });
    await ensureStreams(
      await nc.jetstreamManager(),
      TEST_STREAMS.map((t) => ({ name: naming.stream(t.name), subjects: t.subjects.map((subject) => naming.subject(subject)) })),
    );
  });

  afterAll(async () => {
    await consumer?.close();
    await nc?.close();
    await deleteStreamsWithPrefix(natsUrl, prefix);
    await db?.drop();
  });

  const publish = async (envelopes: ReturnType<typeof envelopeFor>[]): Promise<void> => {
    const js = nc.jetstream();
    // A fresh Nats-Msg-Id each time: a republished event gets past JetStream's dedupe, as a redelivery would.
    await Promise.all(envelopes.map((e) => js.publish(naming.subject(e.type), encodeJson(e), { msgID: randomUUID() })));
  };

  it('applies 499 of a batch of 500 once and dead-letters the poison one; a redelivered batch has no second effect', async () => {
    const widgets = Array.from({ length: 500 }, (_, i) => ({ widgetId: uuidv7(), name: i === 250 ? 'poison' : `w${i}`, version: 1 }));
    const envelopes = widgets.map((w) => envelopeFor(WidgetCreatedV1.subject, w, `widget:${w.widgetId}`, 1));
    // Queued before the consumer starts, so it pulls them as batches.
    await publish(envelopes);
    consumer = await startTestService({
      service: 'mapping',
      schema: 'svc_b',
      databaseUrl: db.url,
      natsUrl,
      prefix,
      providers: [BatchCopier],
      messaging: { consumer: { backoffMs: [20], maxDeliveries: 2, concurrency: 2 } },
    });
    const applied = () => query<{ n: number; max: number }>(db.url, 'select count(*)::int as n, max(applied_count)::int as max from svc_b.widget_copies');
    const deadLetters = () => query<{ reason: string; event_id: string }>(db.url, 'select reason, event_id from svc_b.dead_letter');
    await expectEventually(async () => {
      expect(await applied()).toEqual([{ n: 499, max: 1 }]);
      expect(await deadLetters()).toEqual([{ reason: expect.stringContaining('poison widget'), event_id: envelopes[250]?.id }]);
    }, { timeoutMs: 30_000 });
    const poison = await query(db.url, 'select 1 from svc_b.widget_copies where name = $1', ['poison']);
    expect(poison).toEqual([]);

    // Events about entities are deduplicated by the entities' cursors (the poison one's moved past
    // it when it was dead-lettered) and write no inbox rows.
    const cursors = () => query<{ n: number; max: number }>(db.url, 'select count(*)::int as n, max(last_seq)::int as max from svc_b.inbox_entity_cursor');
    expect(await cursors()).toEqual([{ n: 500, max: 1 }]);
    expect(await query<{ n: number }>(db.url, 'select count(*)::int as n from svc_b.inbox')).toEqual([{ n: 0 }]);

    // The same 500 events again (the batch redelivered): the cursors absorb every one of them.
    await publish(envelopes.filter((_, i) => i !== 250));
    await expectEventually(async () => {
      const info = await (await nc.jetstreamManager()).consumers.info(naming.stream('SYNC'), naming.durable('mapping', naming.stream('SYNC')));
      expect({ pending: info.num_pending, unacked: info.num_ack_pending }).toEqual({ pending: 0, unacked: 0 });
    });
    expect(await applied()).toEqual([{ n: 499, max: 1 }]);
    expect(await cursors()).toEqual([{ n: 500, max: 1 }]);
  }, 60_000);
});

function envelopeFor(type: string, data: object, entityKey: string, entitySeq: number) {
  return { id: uuidv7(), type, occurredAt: new Date().toISOString(), source: 'test', correlationId: randomUUID(), causationId: null, entityKey, entitySeq, data };
}
