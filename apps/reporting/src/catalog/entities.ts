import type { FieldCatalog } from '@seatkeeper/rules';

/** The lists reporting can show, export and count. */
export const ENTITIES = ['saas_users', 'people', 'sync_runs', 'workflow_actions'] as const;
export type EntityName = (typeof ENTITIES)[number];

type FieldType = 'string' | 'number' | 'boolean' | 'date';

export interface EntityField {
  type: FieldType;
  /** Trusted SQL written here, never by a caller; uuids read as text so every string operator applies. */
  column: string;
  nullable?: boolean;
  label: string;
}

export interface EntityDefinition {
  name: EntityName;
  /** FROM and joins over the read models. */
  from: string;
  /** The unique, indexed key every sort ends with, so cursor pages are stable. */
  key: string;
  fields: Record<string, EntityField>;
  defaultColumns: string[];
}

const f = (type: FieldType, column: string, label: string, nullable = true): EntityField => ({ type, column, label, nullable });

const PERSON_FIELDS = (alias: string, prefix: string): Record<string, EntityField> => ({
  [`${prefix}email`]: f('string', `${alias}.email`, 'Person email'),
  [`${prefix}fullName`]: f('string', `${alias}.full_name`, 'Full name'),
  [`${prefix}username`]: f('string', `${alias}.username`, 'Username'),
  [`${prefix}jobTitle`]: f('string', `${alias}.job_title`, 'Job title'),
  [`${prefix}department`]: f('string', `${alias}.department`, 'Department'),
  [`${prefix}directoryRole`]: f('string', `${alias}.directory_role`, 'Directory role'),
  [`${prefix}employmentStatus`]: f('string', `${alias}.employment_status`, 'Employment status'),
  [`${prefix}terminationDate`]: f('date', `${alias}.termination_date`, 'Termination date'),
});

export const ENTITY_DEFINITIONS: Record<EntityName, EntityDefinition> = {
  saas_users: {
    name: 'saas_users',
    from: `rm_saas_user u left join rm_person p on p.person_id = u.person_id left join rm_saas_app a on a.saas_app_id = u.saas_app_id`,
    key: 'u.saas_user_id',
    fields: {
      id: f('string', 'u.saas_user_id::text', 'SaaS user id', false),
      externalId: f('string', 'u.external_id', 'Vendor id', false),
      email: f('string', 'u.email', 'Account email'),
      vendor: f('string', 'u.vendor', 'Vendor'),
      saasAppId: f('string', 'u.saas_app_id::text', 'SaaS app id', false),
      'app.name': f('string', 'a.name', 'App'),
      vendorRole: f('string', 'u.vendor_role', 'Vendor role'),
      type: f('string', 'u.type', 'Account type'),
      license: f('string', 'u.license', 'License'),
      invitationSent: f('boolean', 'u.invitation_sent', 'Invitation outstanding'),
      status: f('string', 'u.status', 'Status', false),
      deactivatedReason: f('string', 'u.deactivated_reason', 'Deactivated because'),
      lastActivityAt: f('date', 'u.last_activity_at', 'Last activity'),
      missingUpstreamSince: f('date', 'u.missing_upstream_since', 'Missing upstream since'),
      createdAt: f('date', 'u.created_at', 'First seen', false),
      updatedAt: f('date', 'u.updated_at', 'Last changed', false),
      'person.id': f('string', 'u.person_id::text', 'Person id'),
      ...PERSON_FIELDS('p', 'person.'),
    },
    defaultColumns: ['email', 'app.name', 'vendorRole', 'status', 'lastActivityAt', 'person.fullName', 'person.employmentStatus'],
  },
  people: {
    name: 'people',
    from: `rm_person p left join lateral (select count(*) filter (where s.status = 'active')::int as active,
             count(*) filter (where s.status <> 'deleted')::int as held
           from rm_saas_user s where s.person_id = p.person_id) c on true`,
    key: 'p.person_id',
    fields: {
      id: f('string', 'p.person_id::text', 'Person id', false),
      ...PERSON_FIELDS('p', ''),
      email: f('string', 'p.email', 'Email', false),
      saasUsers: f('number', 'c.held', 'SaaS accounts', false),
      activeSaasUsers: f('number', 'c.active', 'Active SaaS accounts', false),
      createdAt: f('date', 'p.created_at', 'First seen', false),
      updatedAt: f('date', 'p.updated_at', 'Last changed', false),
    },
    defaultColumns: ['email', 'fullName', 'department', 'employmentStatus', 'activeSaasUsers'],
  },
  sync_runs: {
    name: 'sync_runs',
    from: 'rm_sync_run r',
    key: 'r.run_id',
    fields: {
      id: f('string', 'r.run_id::text', 'Run id', false),
      integrationId: f('string', 'r.integration_id::text', 'Integration id', false),
      vendor: f('string', 'r.vendor', 'Vendor'),
      trigger: f('string', 'r.trigger', 'Trigger'),
      status: f('string', 'r.status', 'Status', false),
      complete: f('boolean', 'r.complete', 'Complete'),
      records: f('number', 'r.records', 'Records fetched'),
      pages: f('number', 'r.pages', 'Pages'),
      quarantined: f('number', 'r.quarantined', 'Quarantined'),
      created: f('number', 'r.created', 'Created'),
      updated: f('number', 'r.updated', 'Updated'),
      unchanged: f('number', 'r.unchanged', 'Unchanged'),
      missing: f('number', 'r.missing', 'Missing upstream'),
      deactivated: f('number', 'r.deactivated', 'Deactivated'),
      reason: f('string', 'r.reason', 'Reason'),
      startedAt: f('date', 'r.started_at', 'Started'),
      finishedAt: f('date', 'r.finished_at', 'Finished'),
    },
    defaultColumns: ['startedAt', 'vendor', 'status', 'records', 'created', 'updated', 'missing', 'finishedAt'],
  },
  workflow_actions: {
    name: 'workflow_actions',
    from: 'rm_workflow_action w left join rm_saas_user u on u.saas_user_id = w.saas_user_id',
    key: 'w.step_id',
    fields: {
      id: f('string', 'w.step_id::text', 'Step id', false),
      runId: f('string', 'w.run_id::text', 'Run id', false),
      workflowId: f('string', 'w.workflow_id::text', 'Workflow id', false),
      workflowName: f('string', 'w.workflow_name', 'Workflow', false),
      blockType: f('string', 'w.block_type', 'Block', false),
      action: f('string', 'w.action', 'Action', false),
      outcome: f('string', 'w.outcome', 'Outcome', false),
      saasUserId: f('string', 'w.saas_user_id::text', 'SaaS user id'),
      saasAppId: f('string', 'w.saas_app_id::text', 'SaaS app id'),
      externalId: f('string', 'w.external_id', 'Vendor id'),
      email: f('string', 'u.email', 'Account email'),
      reason: f('string', 'w.reason', 'Reason'),
      occurredAt: f('date', 'w.occurred_at', 'When', false),
    },
    defaultColumns: ['occurredAt', 'workflowName', 'action', 'outcome', 'email', 'reason'],
  },
};

export function ruleCatalog(entity: EntityDefinition): FieldCatalog {
  const catalog: FieldCatalog = {};
  for (const [name, field] of Object.entries(entity.fields)) {
    catalog[name] = { type: field.type, column: field.column, nullable: field.nullable ?? true };
  }
  return catalog;
}
