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
}

/** Fields a control-API caller or PUT /users may change. */
export type UserPatch = Partial<Omit<UserRecord, 'index' | 'id'>>;
