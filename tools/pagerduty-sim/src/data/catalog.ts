import { IdKind, encodeId } from './ids';
import { TEAM_NAMES } from './names';
import { escalationPolicyCount, scheduleCount, teamCount, type SeedSpec } from './seed';

// Names and IDs of the account's non-user objects. They are all derived from their index, like users.

export function teamId(spec: SeedSpec, t: number): string {
  return encodeId(spec.seed, IdKind.team, t);
}
export function teamName(t: number): string {
  const base = TEAM_NAMES[t % TEAM_NAMES.length] as string;
  return t < TEAM_NAMES.length ? base : `${base} ${Math.floor(t / TEAM_NAMES.length) + 1}`;
}
export function teamIndexOfId(spec: SeedSpec, id: string): number {
  for (let t = 0; t < teamCount(spec.users); t++) if (teamId(spec, t) === id) return t;
  return -1;
}
export function scheduleId(spec: SeedSpec, s: number): string {
  return encodeId(spec.seed, IdKind.schedule, s);
}
export function scheduleName(s: number): string {
  return `${teamName(s % TEAM_NAMES.length)} Primary On-Call ${s + 1}`;
}
export function policyId(spec: SeedSpec, e: number): string {
  return encodeId(spec.seed, IdKind.escalationPolicy, e);
}
export function policyName(e: number): string {
  return `${teamName(e % TEAM_NAMES.length)} Escalation Policy ${e + 1}`;
}
export { escalationPolicyCount, scheduleCount, teamCount };

export const LICENSES = [
  {
    kind: 0,
    name: 'Business (Full User)',
    description: 'Event Intelligence',
    valid_roles: ['owner', 'admin', 'user', 'limited_user', 'observer', 'restricted_access'],
    role_group: 'FullUser' as const,
  },
  {
    kind: 1,
    name: 'Business (Stakeholder)',
    description: '',
    valid_roles: ['read_only_user', 'read_only_limited_user'],
    role_group: 'Stakeholder' as const,
  },
];

export function licenseId(spec: SeedSpec, kind: number): string {
  return encodeId(spec.seed, IdKind.license, kind);
}
