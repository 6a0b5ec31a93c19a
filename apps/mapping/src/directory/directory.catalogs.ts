import type { FieldCatalog } from '@seatkeeper/rules';

/** What a people-list filter may name (rules language), and the column each field is in SQL. */
export const PEOPLE_CATALOG: FieldCatalog = {
  email: { type: 'string', column: 'p.email', nullable: false },
  username: { type: 'string', column: 'p.username' },
  fullName: { type: 'string', column: 'p.full_name' },
  firstName: { type: 'string', column: 'p.first_name' },
  lastName: { type: 'string', column: 'p.last_name' },
  jobTitle: { type: 'string', column: 'p.job_title' },
  department: { type: 'string', column: 'p.department' },
  directoryRole: { type: 'string', column: 'p.directory_role' },
  employmentStatus: { type: 'string', column: 'p.employment_status', nullable: false },
  terminationDate: { type: 'date', column: 'p.termination_date::timestamp' },
  createdAt: { type: 'date', column: 'p.created_at', nullable: false },
  updatedAt: { type: 'date', column: 'p.updated_at', nullable: false },
};

export const SAAS_USERS_CATALOG: FieldCatalog = {
  externalId: { type: 'string', column: 's.external_id', nullable: false },
  email: { type: 'string', column: 's.email' },
  vendorRole: { type: 'string', column: 's.vendor_role' },
  type: { type: 'string', column: 's.type' },
  status: { type: 'string', column: 's.status', nullable: false },
  invitationSent: { type: 'boolean', column: 's.invitation_sent' },
  lastActivityAt: { type: 'date', column: 's.last_activity_at' },
  missingUpstreamSince: { type: 'date', column: 's.missing_upstream_since' },
  'saasApp.name': { type: 'string', column: 'a.name', nullable: false },
  'saasApp.vendor': { type: 'string', column: 'a.vendor', nullable: false },
  'person.email': { type: 'string', column: 'p.email' },
  'person.employmentStatus': { type: 'string', column: 'p.employment_status' },
};
