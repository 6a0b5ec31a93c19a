/**
 * The messaging tables every service schema holds. They are created by each service's first
 * migration, so that outbox rows commit with the state change and inbox rows with the effect.
 */
export function messagingTablesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}.outbox (
       id bigint generated always as identity primary key,
       event_id uuid not null unique,
       subject text not null,
       envelope jsonb not null,
       entity_key text null,
       created_at timestamptz not null default now(),
       published_at timestamptz null,
       attempts int not null default 0,
       last_error text null)`,
    // The relay only ever scans unpublished rows.
    `create index outbox_unpublished_idx on ${s}.outbox (id) where published_at is null`,
    `create table ${s}.outbox_entity_seq (
       entity_key text primary key,
       last_seq bigint not null)`,
    `create table ${s}.inbox (
       consumer text not null,
       event_id uuid not null,
       subject text not null,
       stream_seq bigint null,
       received_at timestamptz not null default now(),
       primary key (consumer, event_id))`,
    `create table ${s}.inbox_entity_cursor (
       consumer text not null,
       entity_key text not null,
       last_seq bigint not null,
       primary key (consumer, entity_key))`,
    `create table ${s}.dead_letter (
       id bigint generated always as identity primary key,
       consumer text not null,
       event_id uuid null,
       subject text not null,
       stream_seq bigint null,
       deliveries int not null,
       reason text not null,
       error text null,
       payload text not null,
       created_at timestamptz not null default now())`,
    `create index dead_letter_consumer_idx on ${s}.dead_letter (consumer, created_at desc)`,
  ];
}

/** One change to the messaging tables after their first shape: a migration of its own in every service. */
export interface MessagingTablesChange {
  /** The migration's name, dated: every service records it under this name. */
  name: string;
  up(schema: string): string[];
  down(schema: string): string[];
}

/**
 * The changes since the first shape, oldest first. Migrations that ran stay as they were, so the
 * first shape above is left alone and each change is added here, under a new name; every service
 * lists them all (`messagingTablesChanges`).
 */
export const MESSAGING_TABLES_CHANGES: readonly MessagingTablesChange[] = [
  {
    // The outbox envelope is written once and read once, as the text that is published, and never
    // queried inside. As jsonb, Postgres parsed every envelope on insert (a `sync.batch.fetched.v1`
    // is a page of records, ~100 KB) and printed it again for the relay.
    name: 'Migration20261204000000OutboxEnvelopeText',
    up: (schema) => [`alter table "${schema}".outbox alter column envelope type text using envelope::text`],
    down: (schema) => [`alter table "${schema}".outbox alter column envelope type jsonb using envelope::jsonb`],
  },
];

/** The tables as they are now (first shape, then every change): for test and bench schemas built without migrations. */
export function currentMessagingTablesSql(schema: string): string[] {
  return [...messagingTablesSql(schema), ...MESSAGING_TABLES_CHANGES.flatMap((change) => change.up(schema))];
}
