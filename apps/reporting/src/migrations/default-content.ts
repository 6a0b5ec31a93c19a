import {
  INACTIVE_DAYS,
  INACTIVE_RULE,
  LEAVER_RULE,
  NEVER_SIGNED_IN_RULE,
  PAGERDUTY_RULE,
  ROLE_NOT_ENTITLED_RULE,
} from '../catalog/default-rules';

const COLUMNS = ['email', 'app.name', 'vendorRole', 'status', 'lastActivityAt', 'person.fullName', 'person.employmentStatus'];
const BY_EMAIL = { field: 'email', direction: 'asc' };

/** The views a new install starts with (fixed ids, so docs and the console can link to them). */
export const DEFAULT_VIEWS = [
  { id: '00000000-0000-4000-8000-000000000101', name: 'PagerDuty users', filter: PAGERDUTY_RULE, sort: BY_EMAIL },
  {
    id: '00000000-0000-4000-8000-000000000102',
    name: `Inactive for ${INACTIVE_DAYS} days`,
    filter: INACTIVE_RULE,
    sort: { field: 'lastActivityAt', direction: 'asc' },
  },
  { id: '00000000-0000-4000-8000-000000000103', name: 'Never signed in', filter: NEVER_SIGNED_IN_RULE, sort: BY_EMAIL },
  { id: '00000000-0000-4000-8000-000000000104', name: 'Accounts of leavers', filter: LEAVER_RULE, sort: BY_EMAIL },
  { id: '00000000-0000-4000-8000-000000000105', name: 'Roles not entitled', filter: ROLE_NOT_ENTITLED_RULE, sort: BY_EMAIL },
] as const;

export const DEFAULT_DASHBOARD_ID = '00000000-0000-4000-8000-000000000201';

export const DEFAULT_WIDGETS = [
  { id: 'active-accounts', type: 'count', title: 'Active SaaS accounts', entity: 'saas_users', filter: { field: 'status', op: 'eq', value: 'active' } },
  { id: 'inactive-accounts', type: 'count', title: `Inactive for ${INACTIVE_DAYS} days`, entity: 'saas_users', filter: INACTIVE_RULE },
  { id: 'leaver-accounts', type: 'count', title: 'Accounts of leavers', entity: 'saas_users', filter: LEAVER_RULE },
  { id: 'never-signed-in', type: 'count', title: 'Never signed in', entity: 'saas_users', filter: NEVER_SIGNED_IN_RULE },
  {
    id: 'by-vendor-role',
    type: 'breakdown',
    title: 'Accounts by vendor role',
    entity: 'saas_users',
    field: 'vendorRole',
    filter: { field: 'status', op: 'neq', value: 'deleted' },
  },
  { id: 'active-per-day', type: 'time_series', title: 'Active SaaS accounts per day', days: 30 },
  {
    id: 'inactive-by-department',
    type: 'top_n',
    title: 'Departments with most inactive accounts',
    entity: 'saas_users',
    field: 'person.department',
    filter: INACTIVE_RULE,
    limit: 5,
  },
  { id: 'savings', type: 'savings', title: 'Savings' },
];

const lit = (v: unknown) => `'${JSON.stringify(v).replace(/'/g, "''")}'`;

export const DEFAULT_VIEWS_SQL = (schema: string): string[] =>
  DEFAULT_VIEWS.map(
    (v) =>
      `insert into "${schema}".saved_view (id, entity, name, columns, filter, sort, is_default)
       values ('${v.id}', 'saas_users', '${v.name.replace(/'/g, "''")}', ${lit(COLUMNS)}::jsonb, ${lit(v.filter)}::jsonb, ${lit(v.sort)}::jsonb, true)`,
  );

export const DEFAULT_DASHBOARD_SQL = (schema: string): string[] => [
  `insert into "${schema}".dashboard (id, name, widgets, is_default)
   values ('${DEFAULT_DASHBOARD_ID}', 'Overview', ${lit(DEFAULT_WIDGETS)}::jsonb, true)`,
];
