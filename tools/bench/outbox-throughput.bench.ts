/**
 * Events/s through the whole event path on this machine: business transaction writes the event
 * into the outbox → relay publishes to JetStream (Nats-Msg-Id) → durable consumer → inbox +
 * effect in one transaction per pulled batch. Run: `node -r @swc-node/register tools/bench/outbox-throughput.bench.ts [events] [batch] [--per-event]`
 * against the local Postgres and NATS (DATABASE_URL / NATS_URL). Prints one JSON line.
 */
import 'reflect-metadata';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { defineEvent } from '@seatkeeper/contracts';
import { MessagingModule, OnEvent, OnEvents, OutboxWriter } from '@seatkeeper/platform-messaging';
import { ObservabilityModule } from '@seatkeeper/platform-observability';
import { createOrmConfig, currentMessagingTablesSql, PersistenceModule } from '@seatkeeper/platform-persistence';
import { createTestDatabase, deleteStreamsWithPrefix, expectEventually, templateNameOf, testInfra, uniqueNatsPrefix } from '@seatkeeper/testing-infra';
import { IsInt, IsUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

class TickPayload {
  @IsUUID() id!: string;
  @IsInt() n!: number;
}
const TickedV1 = defineEvent('sync.bench.ticked.v1', TickPayload);

@Injectable()
class Producer {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
  ) {}
  async batch(from: number, size: number): Promise<void> {
    const items = Array.from({ length: size }, (_, i) => ({ data: { id: randomUUID(), n: from + i } }));
    await this.orm.em.fork().transactional((em) => this.outbox.addMany(em, TickedV1, items));
  }
}

/** A handler doing one INSERT per event (`--per-event`). */
@Injectable()
class PerEventConsumer {
  @OnEvent(TickedV1)
  async apply(event: { data: TickPayload }, em: EntityManager): Promise<void> {
    await em.execute('insert into ticks (id, n) values (?, ?)', [event.data.id, event.data.n]);
  }
}

/** A set-based handler (default): each pulled batch's events in one multi-row INSERT. */
@Injectable()
class SetBasedConsumer {
  @OnEvents(TickedV1)
  async apply(events: { data: TickPayload }[], em: EntityManager): Promise<void> {
    await em.execute('insert into ticks (id, n) select x.id, x.n from jsonb_to_recordset(?::jsonb) as x(id uuid, n int)', [
      JSON.stringify(events.map((e) => e.data)),
    ]);
  }
}

async function migrate(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  for (const schema of ['bench_a', 'bench_b']) {
    await c.query(`create schema ${schema}`);
    for (const sql of currentMessagingTablesSql(schema)) await c.query(sql);
  }
  await c.query('create table bench_b.ticks (id uuid primary key, n int not null)');
  await c.end();
}

async function start(service: 'integration-sync' | 'mapping', schema: string, url: string, prefix: string, provider: unknown) {
  @Module({})
  class Host {}
  const app = await NestFactory.createApplicationContext(
    {
      module: Host,
      imports: [
        ObservabilityModule.forRoot({ service, logLevel: 'silent' }),
        PersistenceModule.forRoot(createOrmConfig({ schema, databaseUrl: url, entities: [], migrations: [], poolMax: 20 })),
        MessagingModule.forRoot({
          service,
          natsUrl: testInfra().natsUrl,
          prefix,
          streams: [{ name: 'SYNC', subjects: [TickedV1.subject] }],
          relay: { idleDelayMs: 5 },
        }),
      ],
      providers: [provider as never],
    },
    { logger: false, abortOnError: false },
  );
  await app.init();
  return app;
}

async function main(): Promise<void> {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const events = Number(positional[0] ?? 20_000);
  const batch = Number(positional[1] ?? 100);
  const runId = Date.now();
  const db = await createTestDatabase({ key: `bench-outbox-${runId}`, migrate });
  if (process.argv.includes('--async-commit')) {
    // Diagnostic only: shows how much of the cost is waiting for the WAL flush of each commit.
    const admin = new Client({ connectionString: testInfra().adminDatabaseUrl });
    await admin.connect();
    await admin.query(`alter database "${db.name}" set synchronous_commit = off`);
    await admin.end();
  }
  const prefix = uniqueNatsPrefix();
  const producer = await start('integration-sync', 'bench_a', db.url, prefix, Producer);
  const perEvent = process.argv.includes('--per-event');
  const consumer = await start('mapping', 'bench_b', db.url, prefix, perEvent ? PerEventConsumer : SetBasedConsumer);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    const t0 = process.hrtime.bigint();
    for (let from = 0; from < events; from += batch) await producer.get(Producer).batch(from, Math.min(batch, events - from));
    const committed = Number(process.hrtime.bigint() - t0) / 1e9;
    await expectEventually(
      async () => {
        const { rows } = await pg.query('select count(*)::int as n from bench_b.ticks');
        if (rows[0].n !== events) throw new Error(`${rows[0].n}/${events} applied`);
      },
      { timeoutMs: 600_000, intervalMs: 100 },
    );
    const total = Number(process.hrtime.bigint() - t0) / 1e9;
    const { rows } = await pg.query('select count(*)::int as n, max(c)::int as max from (select count(*) c from bench_b.inbox group by event_id) x');
    console.log(
      JSON.stringify({
        benchmark: 'outbox → JetStream → inbox',
        events,
        transactionBatch: batch,
        handler: perEvent ? 'one insert per event' : 'set-based (@OnEvents)',
        commitSeconds: +committed.toFixed(2),
        endToEndSeconds: +total.toFixed(2),
        eventsPerSecond: Math.round(events / total),
        inboxRows: rows[0].n,
        maxEffectsPerEvent: rows[0].max,
        rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      }),
    );
  } finally {
    await pg.end();
    await consumer.close();
    await producer.close();
    await deleteStreamsWithPrefix(testInfra().natsUrl, prefix);
    await db.drop();
    await dropTemplate(`bench-outbox-${runId}`);
  }
}

/** This run's template is of no use to anyone after it. */
async function dropTemplate(key: string): Promise<void> {
  const c = new Client({ connectionString: testInfra().adminDatabaseUrl });
  await c.connect();
  await c.query(`drop database if exists "${templateNameOf(key)}"`);
  await c.end();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
