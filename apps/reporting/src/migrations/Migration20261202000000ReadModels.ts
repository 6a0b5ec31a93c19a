import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../schema';
import { DEFAULT_DASHBOARD_SQL, DEFAULT_VIEWS_SQL } from './default-content';

/**
 * Read models projected from directory.*, sync.run.* and workflow.* events, and the saved
 * configuration (views, dashboards, reports, share links, schedules). Every read model row is
 * keyed by the producer's id, so projecting an event twice or replaying a stream converges.
 */
export class Migration20261202000000ReadModels extends Migration {
  override async up(): Promise<void> {
    const s = `"${SCHEMA}"`;
    this.addSql(`create table ${s}.rm_person (
      person_id uuid primary key,
      email text not null,
      username text null,
      full_name text null,
      job_title text null,
      department text null,
      directory_role text null,
      employment_status text null,
      termination_date timestamptz null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create index rm_person_email on ${s}.rm_person (email, person_id)`);
    this.addSql(`create index rm_person_status on ${s}.rm_person (employment_status)`);

    this.addSql(`create table ${s}.rm_saas_user (
      saas_user_id uuid primary key,
      saas_app_id uuid not null,
      vendor text null,
      person_id uuid null,
      external_id text not null,
      email text null,
      vendor_role text null,
      type text null,
      license text null,
      invitation_sent boolean null,
      status text not null,
      deactivated_reason text null,
      last_activity_at timestamptz null,
      missing_upstream_since timestamptz null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create index rm_saas_user_person on ${s}.rm_saas_user (person_id)`);
    this.addSql(`create index rm_saas_user_app on ${s}.rm_saas_user (saas_app_id, status)`);
    this.addSql(`create index rm_saas_user_activity on ${s}.rm_saas_user (last_activity_at, saas_user_id)`);
    this.addSql(`create index rm_saas_user_email on ${s}.rm_saas_user (email, saas_user_id)`);

    // One row per change of an account's status: the history the "active per day" series reads.
    this.addSql(`create table ${s}.rm_saas_user_status_change (
      event_id uuid primary key,
      saas_user_id uuid not null,
      status text not null,
      occurred_at timestamptz not null)`);
    this.addSql(`create index rm_saas_user_status_change_user on ${s}.rm_saas_user_status_change (saas_user_id, occurred_at)`);

    // Names, prices and seats come from mapping over request-reply (no event carries them).
    this.addSql(`create table ${s}.rm_saas_app (
      saas_app_id uuid primary key,
      name text not null,
      vendor text not null,
      seat_price numeric null,
      currency text null,
      seats_purchased int null,
      refreshed_at timestamptz not null)`);

    this.addSql(`create table ${s}.rm_sync_run (
      run_id uuid primary key,
      integration_id uuid not null,
      vendor text null,
      trigger text null,
      status text not null,
      complete boolean null,
      batches int null,
      records int null,
      fetched int null,
      pages int null,
      quarantined int null,
      created int null,
      updated int null,
      unchanged int null,
      missing int null,
      deactivated int null,
      reason text null,
      started_at timestamptz null,
      fetched_at timestamptz null,
      finished_at timestamptz null,
      applied_at timestamptz null,
      updated_at timestamptz not null)`);
    this.addSql(`create index rm_sync_run_started on ${s}.rm_sync_run (started_at, run_id)`);

    this.addSql(`create table ${s}.rm_workflow_run (
      run_id uuid primary key,
      workflow_id uuid not null,
      workflow_version int not null,
      workflow_name text not null,
      trigger text not null,
      dry_run boolean not null,
      status text not null,
      planned int not null,
      succeeded int not null,
      failed int not null,
      skipped int not null,
      reason text null,
      started_at timestamptz null,
      updated_at timestamptz not null)`);

    this.addSql(`create table ${s}.rm_workflow_action (
      step_id uuid primary key,
      run_id uuid not null,
      workflow_id uuid not null,
      workflow_name text not null,
      block_id text not null,
      block_type text not null,
      action text not null,
      outcome text not null,
      saas_user_id uuid null,
      saas_app_id uuid null,
      person_id uuid null,
      external_id text null,
      reason text null,
      occurred_at timestamptz not null)`);
    this.addSql(`create index rm_workflow_action_run on ${s}.rm_workflow_action (run_id)`);
    this.addSql(`create index rm_workflow_action_time on ${s}.rm_workflow_action (occurred_at, step_id)`);

    // The realised-savings ledger: one row per seat a workflow freed (a vendor_delete that succeeded).
    this.addSql(`create table ${s}.rm_realised_saving (
      step_id uuid primary key,
      run_id uuid not null,
      workflow_id uuid not null,
      workflow_name text not null,
      saas_user_id uuid null,
      saas_app_id uuid null,
      person_id uuid null,
      external_id text null,
      freed_at timestamptz not null)`);
    this.addSql(`create index rm_realised_saving_app on ${s}.rm_realised_saving (saas_app_id, freed_at)`);

    this.addSql(`create table ${s}.saved_view (
      id uuid primary key,
      entity text not null,
      name text not null,
      columns jsonb not null,
      filter jsonb null,
      sort jsonb not null,
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.dashboard (
      id uuid primary key,
      name text not null,
      widgets jsonb not null,
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.report (
      id uuid primary key,
      name text not null,
      entity text not null,
      columns jsonb not null,
      filter jsonb null,
      sort jsonb not null,
      group_by text null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.share_link (
      id uuid primary key,
      report_id uuid not null references ${s}.report (id) on delete cascade,
      expires_at timestamptz not null,
      revoked_at timestamptz null,
      created_at timestamptz not null default now())`);

    this.addSql(`create table ${s}.report_schedule (
      id uuid primary key,
      report_id uuid not null references ${s}.report (id) on delete cascade,
      cron text not null,
      time_zone text not null,
      format text not null,
      webhook_url text not null,
      enabled boolean not null default true,
      next_run_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create index report_schedule_due on ${s}.report_schedule (next_run_at) where enabled`);

    this.addSql(`create table ${s}.report_delivery (
      id uuid primary key,
      schedule_id uuid not null references ${s}.report_schedule (id) on delete cascade,
      due_at timestamptz not null,
      started_at timestamptz not null,
      finished_at timestamptz null,
      status text not null,
      http_status int null,
      rows int null,
      bytes bigint null,
      error text null,
      unique (schedule_id, due_at))`);

    for (const sql of DEFAULT_VIEWS_SQL(SCHEMA)) this.addSql(sql);
    for (const sql of DEFAULT_DASHBOARD_SQL(SCHEMA)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const t of [
      'report_delivery', 'report_schedule', 'share_link', 'report', 'dashboard', 'saved_view',
      'rm_realised_saving', 'rm_workflow_action', 'rm_workflow_run', 'rm_sync_run', 'rm_saas_app',
      'rm_saas_user_status_change', 'rm_saas_user', 'rm_person',
    ]) {
      this.addSql(`drop table if exists "${SCHEMA}"."${t}"`);
    }
  }
}
