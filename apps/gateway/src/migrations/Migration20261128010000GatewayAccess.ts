import { Migration } from '@mikro-orm/migrations';

/** API tokens, the admin audit log and idempotency records. */
export class Migration20261128010000GatewayAccess extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "gateway"."api_token" (
      "id" uuid primary key,
      "name" text not null check (length("name") between 1 and 100),
      "role" text not null check ("role" in ('viewer', 'operator', 'admin')),
      "secret_hash" char(64) not null unique,
      "token_prefix" text not null,
      "created_at" timestamptz not null default now(),
      "created_by" uuid null,
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      "revoked_by" uuid null
    )`);
    this.addSql(`create index "api_token_created_idx" on "gateway"."api_token" ("created_at", "id")`);

    this.addSql(`create table "gateway"."audit_log" (
      "id" uuid primary key,
      "occurred_at" timestamptz not null default now(),
      "actor_token_id" uuid null,
      "actor_name" text null,
      "action" text not null,
      "target" text null,
      "status" integer not null,
      "request_id" text null
    )`);
    this.addSql(`create index "audit_log_time_idx" on "gateway"."audit_log" ("occurred_at" desc, "id" desc)`);
    this.addSql(`create index "audit_log_actor_idx" on "gateway"."audit_log" ("actor_token_id", "occurred_at" desc)`);
    this.addSql(`create index "audit_log_action_idx" on "gateway"."audit_log" ("action", "occurred_at" desc)`);

    this.addSql(`create table "gateway"."idempotency_key" (
      "token_id" uuid not null,
      "key" text not null,
      "request_hash" char(64) not null,
      "status" integer null,
      "response_body" jsonb null,
      "created_at" timestamptz not null default now(),
      "completed_at" timestamptz null,
      primary key ("token_id", "key")
    )`);
    this.addSql(`create index "idempotency_key_created_idx" on "gateway"."idempotency_key" ("created_at")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "gateway"."idempotency_key"`);
    this.addSql(`drop table if exists "gateway"."audit_log"`);
    this.addSql(`drop table if exists "gateway"."api_token"`);
  }
}
