import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope, PersonSnapshot, SaasUserSnapshot } from '@seatkeeper/contracts';

/**
 * People and SaaS users as the directory last described them. Every statement is an upsert keyed
 * by the directory's id and guarded by the event's time, so applying an event again, or an older
 * one after a newer one, leaves the row as the newest event said.
 */
export class DirectoryProjection {
  static async person(em: EntityManager, event: EventEnvelope<PersonSnapshot>): Promise<void> {
    const p = event.data;
    await em.execute(
      `insert into rm_person as r (person_id, email, username, full_name, job_title, department, directory_role,
         employment_status, termination_date, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (person_id) do update set email = excluded.email, username = excluded.username,
         full_name = excluded.full_name, job_title = excluded.job_title, department = excluded.department,
         directory_role = excluded.directory_role, employment_status = excluded.employment_status,
         termination_date = excluded.termination_date, updated_at = excluded.updated_at
       where r.updated_at <= excluded.updated_at`,
      [
        p.personId, p.email, p.username ?? null, p.fullName ?? null, p.jobTitle ?? null, p.department ?? null,
        p.directoryRole ?? null, p.employmentStatus ?? null, p.terminationDate ?? null, event.occurredAt, event.occurredAt,
      ],
    );
  }

  static async saasUser(em: EntityManager, event: EventEnvelope<SaasUserSnapshot>): Promise<void> {
    const u = event.data;
    // The status history (for "active per day") gains a point only where the status changes;
    // the event id keys it, so a replay writes the same points.
    await em.execute(
      `insert into rm_saas_user_status_change (event_id, saas_user_id, status, occurred_at)
       select ?, ?, ?, ?
       where not exists (select 1 from rm_saas_user where saas_user_id = ? and status = ? and updated_at <= ?)
       on conflict do nothing`,
      [event.id, u.saasUserId, u.status, event.occurredAt, u.saasUserId, u.status, event.occurredAt],
    );
    await em.execute(
      `insert into rm_saas_user as r (saas_user_id, saas_app_id, vendor, person_id, external_id, email, vendor_role, type,
         license, invitation_sent, status, deactivated_reason, last_activity_at, missing_upstream_since, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (saas_user_id) do update set saas_app_id = excluded.saas_app_id, vendor = coalesce(excluded.vendor, r.vendor),
         person_id = excluded.person_id, external_id = excluded.external_id, email = excluded.email,
         vendor_role = excluded.vendor_role, type = excluded.type, license = excluded.license,
         invitation_sent = excluded.invitation_sent, status = excluded.status, deactivated_reason = excluded.deactivated_reason,
         last_activity_at = excluded.last_activity_at, missing_upstream_since = excluded.missing_upstream_since,
         updated_at = excluded.updated_at
       where r.updated_at <= excluded.updated_at`,
      [
        u.saasUserId, u.saasAppId, u.vendor ?? null, u.personId ?? null, u.externalId, u.email ?? null, u.vendorRole ?? null,
        u.type ?? null, u.license ?? null, u.invitationSent ?? null, u.status, u.deactivatedReason ?? null,
        u.lastActivityAt ?? null, u.missingUpstreamSince ?? null, event.occurredAt, event.occurredAt,
      ],
    );
  }
}
