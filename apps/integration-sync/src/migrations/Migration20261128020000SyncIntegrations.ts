import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

/** Integrations, their runs, page checkpoints and the per-run id set that keeps a page from being sent twice. */
export class Migration20261128020000SyncIntegrations extends Migration {
  override async up(): Promise<void> {
    const s = `"${SCHEMA}"`;
    this.addSql(`create table ${s}.integration (
      id uuid primary key,
      name text not null,
      vendor text not null,
      record_type text not null,
      installation_type text not null,
      credential_id uuid null,
      local_secret jsonb null,
      runner_pool text not null,
      region text not null,
      base_url text null,
      preference text not null,
      schedule jsonb not null,
      extras jsonb not null,
      status text not null default 'draft',
      next_run_at timestamptz null,
      credential_rejected_at timestamptz null,
      created_by text null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint integration_status_chk check (status in ('draft', 'active', 'paused')),
      constraint integration_installation_chk check (installation_type in ('cloud', 'local')))`);
    // The scheduler's claim scans only active integrations of its pool, by due time.
    this.addSql(`create index integration_due_idx on ${s}.integration (runner_pool, next_run_at) where status = 'active'`);
    this.addSql(`create index integration_credential_idx on ${s}.integration (credential_id)`);
    this.addSql(`create table ${s}.run (
      id uuid primary key,
      integration_id uuid not null references ${s}.integration (id) on delete cascade,
      runner_pool text not null,
      trigger text not null,
      status text not null,
      cursor jsonb null,
      batches int not null default 0,
      requests int not null default 0,
      fetched int not null default 0,
      vendor_total int null,
      applied int null,
      quarantined int null,
      complete boolean null,
      reason text null,
      errors jsonb not null default '[]',
      owner text null,
      lease_expires_at timestamptz null,
      queued_at timestamptz not null default now(),
      started_at timestamptz null,
      fetched_at timestamptz null,
      finished_at timestamptz null,
      constraint run_status_chk check (status in ('queued', 'fetching', 'applying', 'completed', 'incomplete', 'failed', 'cancelled')))`);
    // At most one run going per integration: "run now" during a run is a 409, a due schedule is skipped.
    this.addSql(`create unique index run_one_active_idx on ${s}.run (integration_id) where status in ('queued', 'fetching', 'applying')`);
    this.addSql(`create index run_claim_idx on ${s}.run (runner_pool, queued_at) where status in ('queued', 'fetching')`);
    this.addSql(`create index run_integration_idx on ${s}.run (integration_id, queued_at desc)`);
    this.addSql(`create table ${s}.run_page (
      run_id uuid not null references ${s}.run (id) on delete cascade,
      seq int not null,
      records int not null,
      event_id uuid not null,
      committed_at timestamptz not null default now(),
      primary key (run_id, seq))`);
    // Ids already sent by a run: a page re-fetched after a crash, or a user in two partitions, is sent once.
    this.addSql(`create table ${s}.run_seen_user (
      run_id uuid not null references ${s}.run (id) on delete cascade,
      vendor_id text not null,
      primary key (run_id, vendor_id))`);
  }

  override async down(): Promise<void> {
    for (const t of ['run_seen_user', 'run_page', 'run', 'integration']) this.addSql(`drop table if exists "${SCHEMA}"."${t}"`);
  }
}
