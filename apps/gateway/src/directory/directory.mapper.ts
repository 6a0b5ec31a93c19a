import type { ImportPeopleResult, PersonView, SaasAppView, SaasUserView } from '@seatkeeper/contracts';
import type { ImportPeopleResultDto, PersonDto } from './people.dto';
import type { SaasAppDto } from './saas-apps.dto';
import type { SaasUserDto } from './saas-users.dto';

export function toPersonDto(p: PersonView): PersonDto {
  return {
    id: p.id,
    email: p.email,
    username: p.username,
    full_name: p.fullName,
    first_name: p.firstName,
    last_name: p.lastName,
    job_title: p.jobTitle,
    time_zone: p.timeZone,
    department: p.department,
    directory_role: p.directoryRole,
    employment_status: p.employmentStatus,
    termination_date: p.terminationDate,
    custom_fields: p.customFields,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export function toImportResultDto(r: ImportPeopleResult): ImportPeopleResultDto {
  return {
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    refused: r.refused,
    rows: r.rows.map((row) => ({ row: row.row, email: row.email, outcome: row.outcome, ...(row.reason !== undefined ? { reason: row.reason } : {}) })),
  };
}

export function toSaasAppDto(a: SaasAppView): SaasAppDto {
  return {
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    seat_price: a.seatPrice,
    currency: a.currency,
    seats_purchased: a.seatsPurchased,
    saas_users: a.saasUsers,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function toSaasUserDto(s: SaasUserView): SaasUserDto {
  return {
    id: s.id,
    saas_app_id: s.saasAppId,
    app_name: s.appName,
    vendor: s.vendor,
    external_id: s.externalId,
    email: s.email,
    vendor_role: s.vendorRole,
    type: s.type,
    invitation_sent: s.invitationSent,
    license: s.license,
    status: s.status,
    deactivated_reason: s.deactivatedReason,
    deactivated_at: s.deactivatedAt,
    last_activity_at: s.lastActivityAt,
    last_activity_source: s.lastActivitySource,
    missing_upstream_since: s.missingUpstreamSince,
    person: s.person
      ? { id: s.person.id, email: s.person.email, full_name: s.person.fullName, employment_status: s.person.employmentStatus }
      : null,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}
