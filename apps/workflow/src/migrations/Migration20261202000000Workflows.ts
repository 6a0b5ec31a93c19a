import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';

const q = (): string => `"${SCHEMA}"`;

/**
 * Workflows and their runs. A version is frozen once launched; a run executes one frozen version.
 * A run's records and steps are its plan: steps are written before the run acts and updated
 * before and after each action, so a restarted worker continues where the last one stopped.
 */
export class Migration20261202000000Workflows extends Migration {
  override async up(): Promise<void> {
    const s = q();
    this.addSql(`create table ${s}.workflow (
      id uuid primary key,
      name text not null,
      description text null,
      type text not null check (type in ('saas_users')),
      status text not null default 'draft' check (status in ('draft','active','paused')),
      draft_version int not null default 1,
      active_version int null,
      trigger text null,
      next_run_at timestamptz null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create index workflow_due_idx on ${s}.workflow (next_run_at) where status = 'active' and trigger = 'schedule'`);
    this.addSql(`create index workflow_trigger_idx on ${s}.workflow (trigger) where status = 'active'`);

    this.addSql(`create table ${s}.workflow_version (
      workflow_id uuid not null references ${s}.workflow(id) on delete cascade,
      version int not null,
      state text not null check (state in ('draft','frozen')),
      graph jsonb not null,
      limits jsonb not null,
      created_at timestamptz not null default now(),
      primary key (workflow_id, version))`);

    this.addSql(`create table ${s}.run (
      id uuid primary key,
      workflow_id uuid not null references ${s}.workflow(id) on delete cascade,
      version int not null,
      workflow_name text not null,
      trigger text not null,
      trigger_saas_user jsonb null,
      dry_run boolean not null,
      status text not null,
      reason text null,
      records int not null default 0,
      approval jsonb null,
      approved_gates text[] not null default '{}',
      lease_owner text null,
      lease_until timestamptz null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz null)`);
    this.addSql(`create index run_work_idx on ${s}.run (status, lease_until) where status in ('planning','running')`);
    this.addSql(`create index run_workflow_idx on ${s}.run (workflow_id, id)`);

    this.addSql(`create table ${s}.run_record (
      run_id uuid not null references ${s}.run(id) on delete cascade,
      saas_user_id uuid not null,
      saas_app_id uuid not null,
      integration_id uuid null,
      external_id text not null,
      email text null,
      person_id uuid null,
      snapshot jsonb not null,
      halted_reason text null,
      primary key (run_id, saas_user_id))`);

    this.addSql(`create table ${s}.step (
      id uuid primary key,
      run_id uuid not null references ${s}.run(id) on delete cascade,
      block_id text not null,
      block_type text not null,
      action text not null,
      seq int not null,
      saas_user_id uuid null,
      status text not null default 'planned' check (status in ('planned','in_progress','succeeded','skipped','failed')),
      reason text null,
      detail jsonb null,
      idempotency_key text not null unique,
      attempts int not null default 0,
      started_at timestamptz null,
      finished_at timestamptz null)`);
    this.addSql(`create index step_run_idx on ${s}.step (run_id, seq, status)`);
    this.addSql(`create index step_record_idx on ${s}.step (run_id, saas_user_id)`);

    // What PagerDuty held for an account just before a workflow deleted it; restore recreates it.
    this.addSql(`create table ${s}.restore_kit (
      step_id uuid primary key references ${s}.step(id) on delete cascade,
      saas_user_id uuid not null,
      external_id text not null,
      kit jsonb not null,
      restored_external_id text null,
      restored_at timestamptz null,
      created_at timestamptz not null default now())`);
  }

  override async down(): Promise<void> {
    for (const t of ['restore_kit', 'step', 'run_record', 'run', 'workflow_version', 'workflow']) this.addSql(`drop table if exists ${q()}."${t}"`);
  }
}
