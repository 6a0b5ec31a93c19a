import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

/** Credentials (metadata), their sealed secrets, the master key versions and the access log. */
export class Migration20261128010000VaultCredentials extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "${SCHEMA}"."master_key" (
      "version" text primary key check ("version" ~ '^v[0-9]{1,6}$'),
      "state" text not null check ("state" in ('active', 'available', 'retired')),
      "check_value" text not null,
      "created_at" timestamptz not null default now(),
      "activated_at" timestamptz null,
      "retired_at" timestamptz null
    )`);
    // At most one active version at any time.
    this.addSql(`create unique index "master_key_one_active" on "${SCHEMA}"."master_key" ("state") where "state" = 'active'`);

    this.addSql(`create table "${SCHEMA}"."credential" (
      "id" uuid primary key,
      "name" text not null,
      "vendor" text not null,
      "description" text null,
      "type" text not null check ("type" in ('api_key', 'oauth2_client_credentials', 'basic')),
      "preset" text null,
      "storage" text not null check ("storage" in ('vault', 'local')),
      "settings" jsonb not null,
      "local_reference" jsonb null,
      "secret_hint" text null,
      "secret_version" int not null default 1,
      "created_by" text not null,
      "created_at" timestamptz not null default now(),
      "updated_by" text not null,
      "updated_at" timestamptz not null default now(),
      "last_used_at" timestamptz null,
      "last_test_at" timestamptz null,
      "last_test_ok" boolean null,
      "last_test_message" text null,
      constraint "credential_name_unique" unique ("name"),
      constraint "credential_local_has_reference" check (("storage" = 'local') = ("local_reference" is not null))
    )`);
    this.addSql(`create index "credential_vendor_idx" on "${SCHEMA}"."credential" ("vendor", "id")`);

    // One row per vault-stored credential: only the current secret version is kept.
    this.addSql(`create table "${SCHEMA}"."credential_secret" (
      "credential_id" uuid primary key references "${SCHEMA}"."credential" ("id") on delete cascade,
      "secret_version" int not null,
      "ciphertext" bytea not null,
      "nonce" bytea not null,
      "tag" bytea not null,
      "wrapped_key" bytea not null,
      "wrapped_key_nonce" bytea not null,
      "wrapped_key_tag" bytea not null,
      "master_key_version" text not null references "${SCHEMA}"."master_key" ("version"),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create index "credential_secret_master_key_idx" on "${SCHEMA}"."credential_secret" ("master_key_version")`);

    // No foreign key: the log outlives deleted credentials.
    this.addSql(`create table "${SCHEMA}"."access_log" (
      "id" uuid primary key,
      "credential_id" uuid not null,
      "action" text not null,
      "caller_service" text not null,
      "integration_id" text null,
      "run_id" text null,
      "workflow_id" text null,
      "workflow_run_id" text null,
      "purpose" text null,
      "outcome" text not null check ("outcome" in ('granted', 'denied', 'failed', 'not_found')),
      "error_code" text null,
      "error_message" text null,
      "correlation_id" text null,
      "at" timestamptz not null default now()
    )`);
    this.addSql(`create index "access_log_credential_idx" on "${SCHEMA}"."access_log" ("credential_id", "id" desc)`);
  }

  override async down(): Promise<void> {
    for (const table of ['access_log', 'credential_secret', 'credential', 'master_key']) {
      this.addSql(`drop table if exists "${SCHEMA}"."${table}"`);
    }
  }
}
