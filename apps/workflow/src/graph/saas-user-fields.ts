import type { SaasUserView } from '@seatkeeper/contracts';
import type { FieldCatalog } from '@seatkeeper/rules';

/**
 * The fields a workflow rule may name: those of the directory's SaaS-user filter
 * (mapping's SAAS_USERS_CATALOG). Workflow only checks and evaluates rules in memory, so
 * `column` is unused here; mapping compiles the same rule to SQL with its own columns.
 */
export const SAAS_USER_RULE_FIELDS: FieldCatalog = {
  externalId: { type: 'string', column: '', nullable: false },
  email: { type: 'string', column: '' },
  vendorRole: { type: 'string', column: '' },
  type: { type: 'string', column: '' },
  status: { type: 'string', column: '', nullable: false },
  invitationSent: { type: 'boolean', column: '' },
  lastActivityAt: { type: 'date', column: '' },
  missingUpstreamSince: { type: 'date', column: '' },
  'saasApp.name': { type: 'string', column: '', nullable: false },
  'saasApp.vendor': { type: 'string', column: '', nullable: false },
  'person.email': { type: 'string', column: '' },
  'person.employmentStatus': { type: 'string', column: '' },
};

/** A SaaS user as the rule language sees it (the same names as the directory's filter). */
export function ruleRecord(u: SaasUserView): Record<string, unknown> {
  return {
    externalId: u.externalId,
    email: u.email,
    vendorRole: u.vendorRole,
    type: u.type,
    status: u.status,
    invitationSent: u.invitationSent,
    lastActivityAt: u.lastActivityAt,
    missingUpstreamSince: u.missingUpstreamSince,
    'saasApp.name': u.appName,
    'saasApp.vendor': u.vendor,
    'person.email': u.person?.email ?? null,
    'person.employmentStatus': u.person?.employmentStatus ?? null,
  };
}
