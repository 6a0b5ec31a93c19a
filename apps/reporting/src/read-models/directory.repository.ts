import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { executeBound } from '@seatkeeper/platform-persistence';

/** A person as the directory last described it, at the time of the event that said so. */
export interface PersonReadRow {
  person_id: string;
  email: string;
  username: string | null;
  full_name: string | null;
  job_title: string | null;
  department: string | null;
  directory_role: string | null;
  employment_status: string | null;
  termination_date: string | null;
  at: string;
}

/** A SaaS user as the directory last described it; `event_id` keys its point in the status history. */
export interface SaasUserReadRow {
  event_id: string;
  saas_user_id: string;
  saas_app_id: string;
  vendor: string | null;
  person_id: string | null;
  external_id: string;
  email: string | null;
  vendor_role: string | null;
  type: string | null;
  license: string | null;
  invitation_sent: boolean | null;
  status: string;
  deactivated_reason: string | null;
  last_activity_at: string | null;
  missing_upstream_since: string | null;
  at: string;
}

/**
 * The people and SaaS-user read models, written a set at a time: one statement per table for a
 * whole pulled batch (`jsonb_to_recordset` of rows sent as one bind parameter), not one per event.
 * Every upsert is guarded by the event's time, so writing a row again, or an older one after a
 * newer one, leaves it as the newest event said. Callers pass at most one row per key per call
 * (Postgres refuses to update a row twice in one statement); DirectoryProjection sees to that.
 */
@Injectable()
export class DirectoryReadModelRepository {
  async upsertPeople(em: EntityManager, rows: PersonReadRow[]): Promise<void> {
    if (!rows.length) return;
    await executeBound(
      em,
      `insert into rm_person as r (person_id, email, username, full_name, job_title, department, directory_role,
         employment_status, termination_date, created_at, updated_at)
       select x.person_id, x.email, x.username, x.full_name, x.job_title, x.department, x.directory_role,
         x.employment_status, x.termination_date, x.at, x.at
       from jsonb_to_recordset(?::jsonb) as x(person_id uuid, email text, username text, full_name text, job_title text,
         department text, directory_role text, employment_status text, termination_date timestamptz, at timestamptz)
       on conflict (person_id) do update set email = excluded.email, username = excluded.username,
         full_name = excluded.full_name, job_title = excluded.job_title, department = excluded.department,
         directory_role = excluded.directory_role, employment_status = excluded.employment_status,
         termination_date = excluded.termination_date, updated_at = excluded.updated_at
       where r.updated_at <= excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * The status history (for "active per day") gains a point only where the status changes, read
   * against the rows as they stand before `upsertSaasUsers` of the same rows; the event id keys
   * each point, so a replay writes the same points.
   */
  async recordStatusChanges(em: EntityManager, rows: SaasUserReadRow[]): Promise<void> {
    if (!rows.length) return;
    await executeBound(
      em,
      `insert into rm_saas_user_status_change (event_id, saas_user_id, status, occurred_at)
       select x.event_id, x.saas_user_id, x.status, x.at
       from jsonb_to_recordset(?::jsonb) as x(event_id uuid, saas_user_id uuid, status text, at timestamptz)
       where not exists (select 1 from rm_saas_user s where s.saas_user_id = x.saas_user_id and s.status = x.status and s.updated_at <= x.at)
       on conflict do nothing`,
      [JSON.stringify(rows.map((r) => ({ event_id: r.event_id, saas_user_id: r.saas_user_id, status: r.status, at: r.at })))],
    );
  }

  async upsertSaasUsers(em: EntityManager, rows: SaasUserReadRow[]): Promise<void> {
    if (!rows.length) return;
    await executeBound(
      em,
      `insert into rm_saas_user as r (saas_user_id, saas_app_id, vendor, person_id, external_id, email, vendor_role, type,
         license, invitation_sent, status, deactivated_reason, last_activity_at, missing_upstream_since, created_at, updated_at)
       select x.saas_user_id, x.saas_app_id, x.vendor, x.person_id, x.external_id, x.email, x.vendor_role, x.type,
         x.license, x.invitation_sent, x.status, x.deactivated_reason, x.last_activity_at, x.missing_upstream_since, x.at, x.at
       from jsonb_to_recordset(?::jsonb) as x(saas_user_id uuid, saas_app_id uuid, vendor text, person_id uuid, external_id text,
         email text, vendor_role text, type text, license text, invitation_sent boolean, status text, deactivated_reason text,
         last_activity_at timestamptz, missing_upstream_since timestamptz, at timestamptz)
       on conflict (saas_user_id) do update set saas_app_id = excluded.saas_app_id, vendor = coalesce(excluded.vendor, r.vendor),
         person_id = excluded.person_id, external_id = excluded.external_id, email = excluded.email,
         vendor_role = excluded.vendor_role, type = excluded.type, license = excluded.license,
         invitation_sent = excluded.invitation_sent, status = excluded.status, deactivated_reason = excluded.deactivated_reason,
         last_activity_at = excluded.last_activity_at, missing_upstream_since = excluded.missing_upstream_since,
         updated_at = excluded.updated_at
       where r.updated_at <= excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  }
}
