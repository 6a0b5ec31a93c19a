import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

// Read inside up()/down(): the ORM config imports this file, so SCHEMA is not set yet at load time.
const q = (): string => `"${SCHEMA}"`;

/**
 * The directory and its mapping: SaaS apps, custom fields, one mapping definition per
 * integration, people with their unique identities, SaaS users, quarantined records and the
 * per-run bookkeeping that decides when a run may reconcile.
 */
export class Migration20261128010000Directory extends Migration {
  override async up(): Promise<void> {
    const s = q();
    this.addSql(`create table ${s}.saas_app (
      id uuid primary key,
      name text not null,
      vendor text not null unique,
      seat_price numeric(14,4) null,
      currency char(3) null,
      seats_purchased int null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.custom_field (
      id uuid primary key,
      key text not null unique,
      name text not null,
      type text not null check (type in ('string','number','boolean','date')),
      is_unique boolean not null,
      created_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.mapping_definition (
      integration_id uuid primary key,
      vendor text not null,
      app_name text not null,
      saas_app_id uuid not null references ${s}.saas_app(id),
      record_type text not null check (record_type in ('user','user_and_saas_user')),
      preference text not null check (preference in ('create_update','create_only','update_only')),
      deactivate_missing boolean not null default false,
      max_deactivate_percent int not null default 10,
      max_deactivate_count int not null default 50,
      mappings jsonb not null default '[]',
      sync_keys jsonb not null default '[]',
      filter jsonb null,
      source_samples jsonb not null default '{}',
      samples_run_id uuid null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.person (
      id uuid primary key,
      email text not null unique,
      username text null,
      full_name text null,
      first_name text null,
      last_name text null,
      job_title text null,
      time_zone text null,
      department text null,
      directory_role text null,
      employment_status text not null default 'active',
      termination_date date null,
      custom_fields jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    // Every unique field's value (email, username, unique custom fields) → the one person holding it.
    // Sync keys are resolved here, so a rename or an email change finds the same person.
    this.addSql(`create table ${s}.person_identity (
      key_field text not null,
      key_value text not null,
      person_id uuid not null references ${s}.person(id) on delete cascade,
      primary key (key_field, key_value),
      unique (person_id, key_field))`);

    this.addSql(`create table ${s}.saas_user (
      id uuid primary key,
      saas_app_id uuid not null references ${s}.saas_app(id),
      integration_id uuid null,
      external_id text not null,
      person_id uuid null references ${s}.person(id),
      email text null,
      vendor_role text null,
      type text null,
      invitation_sent boolean null,
      license text null,
      last_activity_at timestamptz null,
      last_activity_source text null,
      status text not null default 'active' check (status in ('active','deactivated','deleted')),
      deactivated_reason text null,
      deactivated_at timestamptz null,
      missing_upstream_since timestamptz null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (saas_app_id, external_id))`);
    this.addSql(`create index saas_user_person_idx on ${s}.saas_user (person_id)`);
    this.addSql(`create index saas_user_integration_idx on ${s}.saas_user (integration_id, status)`);

    this.addSql(`create table ${s}.quarantined_record (
      id uuid primary key,
      integration_id uuid not null,
      record_key text not null,
      run_id uuid null,
      seq int null,
      record jsonb not null,
      reason text not null,
      status text not null default 'open' check (status in ('open','resolved')),
      attempts int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    // One open entry per vendor record: a record that keeps failing is updated, not piled up.
    this.addSql(
      `create unique index quarantined_open_uq on ${s}.quarantined_record (integration_id, record_key) where status = 'open'`,
    );
    this.addSql(`create index quarantined_list_idx on ${s}.quarantined_record (integration_id, status, id)`);

    this.addSql(`create table ${s}.sync_run (
      run_id uuid primary key,
      integration_id uuid not null,
      batches_expected int null,
      complete boolean null,
      incomplete_reason text null,
      batches_applied int not null default 0,
      created int not null default 0,
      updated int not null default 0,
      unchanged int not null default 0,
      quarantined int not null default 0,
      filtered int not null default 0,
      skipped int not null default 0,
      missing int not null default 0,
      deactivated int not null default 0,
      reconcile_note text null,
      finished_at timestamptz null,
      created_at timestamptz not null default now())`);

    // Which vendor ids each applied page carried: reconciliation needs every id the run saw,
    // including records that were filtered out or quarantined (they still exist upstream).
    this.addSql(`create table ${s}.sync_run_batch (
      run_id uuid not null references ${s}.sync_run(run_id) on delete cascade,
      seq int not null,
      seen_external_ids jsonb not null,
      applied_at timestamptz not null default now(),
      primary key (run_id, seq))`);
  }

  override async down(): Promise<void> {
    const s = q();
    for (const table of [
      'sync_run_batch',
      'sync_run',
      'quarantined_record',
      'saas_user',
      'person_identity',
      'person',
      'mapping_definition',
      'custom_field',
      'saas_app',
    ]) {
      this.addSql(`drop table if exists ${s}."${table}"`);
    }
  }
}
