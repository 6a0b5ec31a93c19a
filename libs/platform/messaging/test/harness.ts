import { createHash } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module, type INestApplicationContext, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { defineEvent, defineRequest } from '@seatkeeper/contracts';
import { ObservabilityModule } from '@seatkeeper/platform-observability';
import { createOrmConfig, currentMessagingTablesSql, PersistenceModule } from '@seatkeeper/platform-persistence';
import { IsInt, IsString, IsUUID, Min } from 'class-validator';
import { Client } from 'pg';
import { MessagingModule, OnEvent, OnRequest, OutboxWriter, type MessagingOptions } from '../src';

// Test-only events in the `sync` context (so they land in the SYNC stream under the test prefix).
export class WidgetPayload {
  @IsUUID() widgetId!: string;
  @IsString() name!: string;
  @IsInt() @Min(0) version!: number;
}
export const WidgetCreatedV1 = defineEvent('sync.widget.created.v1', WidgetPayload);
export const WidgetRenamedV1 = defineEvent('sync.widget.renamed.v1', WidgetPayload);
export const TEST_STREAMS = [{ name: 'SYNC', subjects: [WidgetCreatedV1.subject, WidgetRenamedV1.subject] }];

export class SlowRequest {
  @IsInt() @Min(0) delayMs!: number;
}
export const SlowEcho = defineRequest<{ waited: number }>('mapping.test.slow-echo', SlowRequest, 'mapping');
export const NobodyAnswers = defineRequest<unknown>('workflow.test.nobody', SlowRequest, 'workflow');

const TEST_SCHEMAS = ['svc_a', 'svc_b'];

/** The template database's key follows the messaging tables' SQL, so a changed table never meets a stale template. */
export const MESSAGING_TEST_DB_KEY = `messaging-test-${createHash('sha256').update(TEST_SCHEMAS.flatMap(currentMessagingTablesSql).join(';')).digest('hex').slice(0, 12)}`;

/** Two schemas stand for two services: `svc_a` produces widgets, `svc_b` copies them. */
export async function migrateTestSchemas(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    for (const schema of TEST_SCHEMAS) {
      await c.query(`create schema ${schema}`);
      for (const sql of currentMessagingTablesSql(schema)) await c.query(sql);
    }
    await c.query('create table svc_a.widgets (id uuid primary key, name text not null)');
    await c.query(
      'create table svc_b.widget_copies (id uuid primary key, name text not null, applied_count int not null default 1)',
    );
    await c.query(
      'create table svc_b.widget_log (n bigint generated always as identity, widget_id uuid not null, version int not null, subject text not null)',
    );
  } finally {
    await c.end();
  }
}

@Injectable()
export class WidgetProducer {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The state change and its event in one transaction; `fail` rolls both back. */
  async create(widgetId: string, name: string, fail = false): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await em.execute('insert into widgets (id, name) values (?, ?)', [widgetId, name]);
      await this.outbox.add(em, WidgetCreatedV1, { widgetId, name, version: 1 }, { entityKey: `widget:${widgetId}` });
      if (fail) throw new Error('business rule failed after the event was written');
    });
  }

  async rename(widgetId: string, name: string, version: number): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await em.execute('update widgets set name = ? where id = ?', [name, widgetId]);
      await this.outbox.add(em, WidgetRenamedV1, { widgetId, name, version }, { entityKey: `widget:${widgetId}` });
    });
  }
}

@Injectable()
export class WidgetCopier {
  @OnEvent(WidgetCreatedV1)
  async onCreated(event: { data: WidgetPayload; type: string }, em: EntityManager): Promise<void> {
    await em.execute(
      `insert into widget_copies (id, name) values (?, ?)
       on conflict (id) do update set applied_count = widget_copies.applied_count + 1`,
      [event.data.widgetId, event.data.name],
    );
    await em.execute('insert into widget_log (widget_id, version, subject) values (?, ?, ?)', [
      event.data.widgetId,
      event.data.version,
      event.type,
    ]);
  }

  @OnEvent(WidgetRenamedV1)
  async onRenamed(event: { data: WidgetPayload; type: string }, em: EntityManager): Promise<void> {
    await em.execute('update widget_copies set name = ? where id = ?', [event.data.name, event.data.widgetId]);
    await em.execute('insert into widget_log (widget_id, version, subject) values (?, ?, ?)', [
      event.data.widgetId,
      event.data.version,
      event.type,
    ]);
  }

  @OnRequest(SlowEcho)
  async slowEcho(req: SlowRequest): Promise<{ waited: number }> {
    await new Promise((resolve) => setTimeout(resolve, req.delayMs));
    return { waited: req.delayMs };
  }
}

export interface TestServiceOptions {
  service: 'integration-sync' | 'mapping';
  schema: 'svc_a' | 'svc_b';
  databaseUrl: string;
  natsUrl: string;
  prefix: string;
  providers: Provider[];
  messaging?: Partial<MessagingOptions>;
}

export async function startTestService(options: TestServiceOptions): Promise<INestApplicationContext> {
  @Module({})
  class HostModule {}
  const app = await NestFactory.createApplicationContext(
    {
      module: HostModule,
      imports: [
        ObservabilityModule.forRoot({ service: options.service, logLevel: process.env['LOG_LEVEL'] ?? 'silent' }),
        PersistenceModule.forRoot(
          createOrmConfig({ schema: options.schema, databaseUrl: options.databaseUrl, entities: [], migrations: [] }),
        ),
        MessagingModule.forRoot({
          service: options.service,
          natsUrl: options.natsUrl,
          prefix: options.prefix,
          requestTimeoutMs: 2000,
          streams: TEST_STREAMS,
          relay: { idleDelayMs: 20, maxBackoffMs: 200 },
          consumer: { backoffMs: [50, 100, 200], gapDelayMs: 50 },
          ...options.messaging,
        }),
      ],
      providers: options.providers,
    },
    { logger: false, abortOnError: false },
  );
  await app.init();
  return app;
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
