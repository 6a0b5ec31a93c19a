import type { PersonSnapshot, PersonView, SaasUserSnapshot, SaasUserStatus } from '@seatkeeper/contracts';

/** A `person` row as PersonRepository returns it (`termination_date` as text). */
export interface PersonRow {
  id: string;
  email: string;
  username: string | null;
  full_name: string | null;
  first_name: string | null;
  last_name: string | null;
  job_title: string | null;
  time_zone: string | null;
  department: string | null;
  directory_role: string | null;
  employment_status: string;
  termination_date: string | null;
  custom_fields: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** A `saas_user` row as SaasUserRepository returns it. */
export interface SaasUserRow {
  id: string;
  saas_app_id: string;
  integration_id: string | null;
  external_id: string;
  person_id: string | null;
  email: string | null;
  vendor_role: string | null;
  type: string | null;
  invitation_sent: boolean | null;
  license: string | null;
  last_activity_at: Date | null;
  last_activity_source: string | null;
  status: SaasUserStatus;
  deactivated_reason: string | null;
  deactivated_at: Date | null;
  missing_upstream_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The reason recorded when reconciliation deactivates an account that a complete run no longer returned. */
export const MISSING_UPSTREAM_REASON = 'missing upstream';

const iso = (d: Date | string | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function personSnapshot(row: PersonRow, changed: Record<string, unknown> = {}): PersonSnapshot {
  return {
    personId: row.id,
    email: row.email,
    username: row.username,
    fullName: row.full_name,
    firstName: row.first_name,
    lastName: row.last_name,
    jobTitle: row.job_title,
    department: row.department,
    directoryRole: row.directory_role as PersonSnapshot['directoryRole'],
    employmentStatus: row.employment_status,
    terminationDate: row.termination_date,
    customFields: row.custom_fields,
    changed,
  };
}

export function saasUserSnapshot(row: SaasUserRow, vendor: string, changed: Record<string, unknown> = {}): SaasUserSnapshot {
  return {
    saasUserId: row.id,
    saasAppId: row.saas_app_id,
    vendor,
    personId: row.person_id,
    externalId: row.external_id,
    email: row.email,
    vendorRole: row.vendor_role,
    type: row.type,
    invitationSent: row.invitation_sent,
    license: row.license,
    status: row.status,
    deactivatedReason: row.deactivated_reason,
    lastActivityAt: iso(row.last_activity_at),
    lastActivitySource: row.last_activity_source,
    missingUpstreamSince: iso(row.missing_upstream_since),
    changed,
  };
}

export function toPersonView(row: PersonRow): PersonView {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    fullName: row.full_name,
    firstName: row.first_name,
    lastName: row.last_name,
    jobTitle: row.job_title,
    timeZone: row.time_zone,
    department: row.department,
    directoryRole: row.directory_role,
    employmentStatus: row.employment_status,
    terminationDate: row.termination_date,
    customFields: row.custom_fields,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

export { iso };
