import { DIRECTORY_ROLES, EMPLOYMENT_STATUSES, type CustomFieldType, type TargetFieldView } from '@seatkeeper/contracts';
import type { CustomField } from './mapping-definition';

/** The columns a target field writes, for the built-in fields of people and SaaS users. */
export const PERSON_COLUMNS = {
  username: 'username',
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  fullName: 'full_name',
  jobTitle: 'job_title',
  timeZone: 'time_zone',
  directoryRole: 'directory_role',
  employmentStatus: 'employment_status',
  department: 'department',
} as const;
export type PersonField = keyof typeof PERSON_COLUMNS;

export const SAAS_USER_COLUMNS = {
  externalId: 'external_id',
  vendorRole: 'vendor_role',
  type: 'type',
  invitationSent: 'invitation_sent',
  lastActivityAt: 'last_activity_at',
  license: 'license',
} as const;
export type SaasUserField = keyof typeof SAAS_USER_COLUMNS;

const BUILT_IN: TargetFieldView[] = [
  { target: 'person.username', entity: 'person', label: 'Username', type: 'string', unique: true, maxLength: 320 },
  { target: 'person.email', entity: 'person', label: 'Email', type: 'string', unique: true, maxLength: 320 },
  { target: 'person.firstName', entity: 'person', label: 'First name', type: 'string', unique: false, maxLength: 100 },
  { target: 'person.lastName', entity: 'person', label: 'Last name', type: 'string', unique: false, maxLength: 100 },
  { target: 'person.fullName', entity: 'person', label: 'Full name', type: 'string', unique: false, maxLength: 200 },
  { target: 'person.jobTitle', entity: 'person', label: 'Job title', type: 'string', unique: false, maxLength: 200 },
  { target: 'person.timeZone', entity: 'person', label: 'Time zone', type: 'string', unique: false, maxLength: 100 },
  {
    target: 'person.directoryRole',
    entity: 'person',
    label: 'Directory role',
    type: 'string',
    unique: false,
    allowed: DIRECTORY_ROLES,
  },
  {
    target: 'person.employmentStatus',
    entity: 'person',
    label: 'Employment status',
    type: 'string',
    unique: false,
    allowed: EMPLOYMENT_STATUSES,
  },
  { target: 'person.department', entity: 'person', label: 'Department', type: 'string', unique: false, maxLength: 200 },
  { target: 'saasUser.externalId', entity: 'saasUser', label: 'External id', type: 'string', unique: false, maxLength: 200 },
  { target: 'saasUser.vendorRole', entity: 'saasUser', label: 'Vendor role', type: 'string', unique: false, maxLength: 100 },
  { target: 'saasUser.type', entity: 'saasUser', label: 'Type', type: 'string', unique: false, maxLength: 100 },
  { target: 'saasUser.invitationSent', entity: 'saasUser', label: 'Invitation sent', type: 'boolean', unique: false },
  { target: 'saasUser.lastActivityAt', entity: 'saasUser', label: 'Last activity', type: 'date', unique: false },
  { target: 'saasUser.license', entity: 'saasUser', label: 'Licence', type: 'string', unique: false, maxLength: 200 },
];

export const CUSTOM_VALUE_MAX_LENGTH = 500;

/** Every field a mapping may write: the built-in ones and the custom fields created through the API. */
export function targetFields(customFields: readonly CustomField[]): Map<string, TargetFieldView> {
  const all = new Map(BUILT_IN.map((f) => [f.target, f]));
  for (const c of customFields) {
    all.set(`custom.${c.key}`, {
      target: `custom.${c.key}`,
      entity: 'custom',
      label: c.name,
      type: c.type as CustomFieldType,
      unique: c.unique,
      ...(c.type === 'string' ? { maxLength: CUSTOM_VALUE_MAX_LENGTH } : {}),
    });
  }
  return all;
}
