// The simulator's in-memory view of a user. Seeded users are never stored in this shape: it is
// materialised per request from the seed (see seed.ts) plus any override (see user-store.ts).

export const ROLES = [
  'admin', 'limited_user', 'observer', 'owner', 'read_only_user', 'restricted_access', 'read_only_limited_user', 'user',
] as const;
export type Role = (typeof ROLES)[number];

/** Stakeholder roles sit on the Stakeholder licence and are not billed as full users. */
export const STAKEHOLDER_ROLES: ReadonlySet<Role> = new Set<Role>(['read_only_user', 'read_only_limited_user']);

export interface UserRecord {
  index: number;
  id: string;
  name: string;
  email: string;
  timeZone: string;
  color: string;
  role: Role;
  description: string | null;
  invitationSent: boolean;
  jobTitle: string;
  createdViaSso: boolean;
  teams: number[];
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms, or null when the user never signed in. */
  lastSignInAt: number | null;
  openIncidents: number;
  /** Index of the schedule the user is on, or -1. */
  schedule: number;
  /** Index of the escalation policy that targets the user directly, or -1. */
  escalationPolicy: number;
  /** Number of OAuth delegations (web/mobile sessions, integrations). */
  delegations: number;
  mobileApp: boolean;
  /** Set once the user's contact methods were changed through the API; absent = the derived default email method. */
  contactMethods?: ContactMethodRecord[];
  /** Set once the user's notification rules were changed through the API; absent = the derived default rule. */
  notificationRules?: NotificationRuleRecord[];
}

/** Contact-method types the API may create (push methods are registered by the mobile app, not through the API). */
export const CONTACT_METHOD_TYPES = ['email_contact_method', 'phone_contact_method', 'sms_contact_method'] as const;
export type ContactMethodType = (typeof CONTACT_METHOD_TYPES)[number];

export interface ContactMethodRecord {
  id: string;
  type: ContactMethodType;
  label: string;
  address: string;
  /** Phone and SMS only. */
  countryCode?: number;
  /** Email only. */
  sendShortEmail?: boolean;
}

export interface NotificationRuleRecord {
  id: string;
  startDelayInMinutes: number;
  contactMethodId: string;
  urgency: 'high' | 'low';
}

/** Fields a control-API caller or PUT /users may change. */
export type UserPatch = Partial<Omit<UserRecord, 'index' | 'id'>>;
