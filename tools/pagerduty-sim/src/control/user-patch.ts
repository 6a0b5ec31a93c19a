import { teamCount, teamIndexOfId } from '../data/catalog';
import { ROLES, type Role, type UserPatch, type UserRecord } from '../data/types';
import { Errors } from '../errors';
import { isRecord } from '../http';
import type { SimState } from '../state';

/**
 * Control-API body → store patch. Unlike PUT /users this may set everything the simulator models,
 * including what PagerDuty computes itself (sign-ins, incidents, on-call duty, invitations).
 */
export function controlPatch(state: SimState, body: unknown): UserPatch {
  if (!isRecord(body)) throw Errors.invalidInput('body must be a JSON object');
  const p: UserPatch = {};
  const errors: string[] = [];
  const str = (k: string): string | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') errors.push(`${k} must be a string`);
    return typeof v === 'string' ? v : undefined;
  };
  const bool = (k: string): boolean | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') errors.push(`${k} must be a boolean`);
    return typeof v === 'boolean' ? v : undefined;
  };
  const int = (k: string, max: number): number | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) errors.push(`${k} must be an integer in [0, ${max}]`);
    return typeof v === 'number' ? v : undefined;
  };
  const date = (k: string): number | null | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (v === null) return null;
    const t = typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isFinite(t)) errors.push(`${k} must be an ISO date-time or null`);
    return t;
  };
  const set = <K extends keyof UserPatch>(key: K, v: UserPatch[K] | undefined): void => {
    if (v !== undefined) p[key] = v;
  };
  set('name', str('name'));
  const email = str('email');
  if (email !== undefined) {
    if (state.store.emailTaken(email)) errors.push('Email has already been taken');
    p.email = email;
  }
  const role = str('role');
  if (role !== undefined) {
    if (!(ROLES as readonly string[]).includes(role)) errors.push(`role must be one of ${ROLES.join(', ')}`);
    else p.role = role as Role;
  }
  set('timeZone', str('time_zone'));
  set('color', str('color'));
  set('jobTitle', str('job_title'));
  if (body['description'] === null) p.description = null;
  else set('description', str('description'));
  set('invitationSent', bool('invitation_sent'));
  set('createdViaSso', bool('created_via_sso'));
  set('mobileApp', bool('mobile_app'));
  const signIn = date('last_sign_in_at');
  if (signIn !== undefined) p.lastSignInAt = signIn;
  const created = date('created_at');
  if (created !== undefined && created !== null) p.createdAt = created;
  set('openIncidents', int('open_incidents', 7));
  set('delegations', int('oauth_delegations', 200));
  const onSchedule = bool('on_schedule');
  if (onSchedule !== undefined) p.schedule = onSchedule ? 0 : -1;
  const onPolicy = bool('on_escalation_policy');
  if (onPolicy !== undefined) p.escalationPolicy = onPolicy ? 0 : -1;
  const teams = body['team_ids'];
  if (teams !== undefined) {
    if (!Array.isArray(teams)) errors.push('team_ids must be an array of team IDs');
    else {
      const idx = teams.map((t) => (typeof t === 'string' ? teamIndexOfId(state.spec, t) : -1));
      if (idx.some((t) => t < 0 || t >= teamCount(state.spec.users))) errors.push('team_ids contains an unknown team');
      p.teams = idx;
    }
  }
  if (errors.length) throw Errors.invalidInput(...errors);
  return p;
}

/** The simulator's internal view of a user (not a PagerDuty shape): what tests assert against. */
export function internalView(r: UserRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    invitation_sent: r.invitationSent,
    last_sign_in_at: r.lastSignInAt === null ? null : new Date(r.lastSignInAt).toISOString(),
    created_at: new Date(r.createdAt).toISOString(),
    open_incidents: r.openIncidents,
    on_schedule: r.schedule >= 0,
    on_escalation_policy: r.escalationPolicy >= 0,
    teams: r.teams.length,
    oauth_delegations: r.delegations,
  };
}
