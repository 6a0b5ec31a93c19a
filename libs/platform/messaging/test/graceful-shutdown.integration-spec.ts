import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createTestDatabase, deleteStreamsWithPrefix, expectEventually, testInfra, uniqueNatsPrefix, type TestDatabase } from '@seatkeeper/testing-infra';
import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { Naming, OnEvent, RpcClient } from '../src';
import { migrateTestSchemas, query, SlowEcho, startTestService, WidgetCopier, WidgetCreatedV1, WidgetPayload, WidgetProducer, MESSAGING_TEST_DB_KEY } from './harness';

const started = new Set<string>();
let openGate: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (openGate = resolve));

/** A handler held in flight until the test opens the gate, so that shutdown finds it mid-way. */
@Injectable()
class GatedCopier {
  @OnEvent(WidgetCreatedV1)
  async onCreated(event: { data: WidgetPayload }, em: EntityManager): Promise<void> {
    started.add(event.data.widgetId);
    await gate;
    await em.execute('insert into widget_copies (id, name) values (?, ?)', [event.data.widgetId, event.data.name]);
  }
}

describe('graceful shutdown', () => {
  const natsUrl = testInfra().natsUrl;
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase({ key: MESSAGING_TEST_DB_KEY, migrate: migrateTestSchemas });
  });
  afterEach(async () => {
    await db.drop();
  });

  it('finishes the event being handled, commits its effect and acks it before closing', async () => {
    const prefix = uniqueNatsPrefix();
    const naming = new Naming(prefix);
    const common = { databaseUrl: db.url, natsUrl, prefix };
    const producer = await startTestService({ ...common, service: 'integration-sync', schema: 'svc_a', providers: [WidgetProducer] });
    const consumer = await startTestService({ ...common, service: 'mapping', schema: 'svc_b', providers: [GatedCopier] });
    const nc = await connect({ servers: natsUrl });
    try {
      const id = randomUUID();
      await producer.get(WidgetProducer).create(id, 'in-flight');
      await expectEventually(() => expect(started.has(id)).toBe(true));
      // Shutdown begins while the handler is in flight; it may only finish after the handler did.
      const closing = consumer.close();
      openGate();
      await closing;
      expect(await query(db.url, 'select name from svc_b.widget_copies where id = $1', [id])).toEqual([{ name: 'in-flight' }]);
      const info = await (await nc.jetstreamManager()).consumers.info(naming.stream('SYNC'), naming.durable('mapping', naming.stream('SYNC')));
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    } finally {
      await nc.close();
      await producer.close();
      await deleteStreamsWithPrefix(natsUrl, prefix);
    }
  });

  it('answers the request being handled before it stops taking requests', async () => {
    const prefix = uniqueNatsPrefix();
    const common = { databaseUrl: db.url, natsUrl, prefix };
    const caller = await startTestService({ ...common, service: 'integration-sync', schema: 'svc_a', providers: [] });
    const answering = await startTestService({ ...common, service: 'mapping', schema: 'svc_b', providers: [WidgetCopier] });
    try {
      const rpc = caller.get(RpcClient);
      const reply = rpc.request(SlowEcho, { delayMs: 500 }, { timeoutMs: 5000 });
      // A later request on the same connection has been answered, so the slow one is in the handler now.
      await expect(rpc.request(SlowEcho, { delayMs: 0 })).resolves.toEqual({ waited: 0 });
      const closing = answering.close();
      await expect(reply).resolves.toEqual({ waited: 500 });
      await closing;
    } finally {
      await caller.close();
      await deleteStreamsWithPrefix(natsUrl, prefix);
    }
  });
});
