import { IdKind, encodeId } from './ids';
import { COLORS, DESCRIPTIONS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, TIME_ZONES } from './names';
import { hash32, pick, unit } from './prng';
import type { Role, UserRecord } from './types';

const DAY = 86_400_000;

/** Parameters that fully determine a seeded account. */
export interface SeedSpec {
  seed: number;
  users: number;
  /** Epoch ms that relative dates (last sign-in, creation) are computed from; fixed so reseeding is repeatable. */
  referenceTime: number;
  subdomain: string;
}

// Salts: one per derived fact, so facts are independent of each other.
const S = { first: 1, last: 2, tz: 3, color: 4, role: 5, invite: 6, title: 7, sso: 8, team1: 9, team2: 10, teamN: 11,
  created: 12, signedIn: 13, signAge: 14, incidents: 15, schedule: 16, ep: 17, delegations: 18, mobile: 19,
  describe: 20, scheduleWhich: 21, epWhich: 22 } as const;

// Role mix of a mid-size account: mostly responders, a few admins, stakeholders and restricted users.
const ROLE_WEIGHTS: ReadonlyArray<readonly [Role, number]> = [
  ['limited_user', 0.34], ['user', 0.3], ['admin', 0.04], ['observer', 0.05], ['read_only_user', 0.1],
  ['read_only_limited_user', 0.07], ['restricted_access', 0.1],
];

export function teamCount(users: number): number {
  return Math.max(3, Math.min(500, Math.ceil(users / 20)));
}
export function scheduleCount(users: number): number {
  return Math.max(2, Math.min(2000, Math.ceil(users / 25)));
}
export function escalationPolicyCount(users: number): number {
  return Math.max(2, Math.min(2000, Math.ceil(users / 40)));
}

function roleFor(spec: SeedSpec, i: number): Role {
  // Index 0 is always the account owner: exactly one per account.
  if (i === 0) return 'owner';
  let u = unit(spec.seed, i, S.role);
  for (const [role, w] of ROLE_WEIGHTS) {
    if (u < w) return role;
    u -= w;
  }
  return 'user';
}

/** The on-call facts of seeded user #i, without building names: cheap enough to scan a million users. */
export function deriveDuty(spec: SeedSpec, i: number): Pick<UserRecord, 'role' | 'invitationSent' | 'openIncidents' | 'schedule' | 'escalationPolicy'> {
  const { seed } = spec;
  const role = roleFor(spec, i);
  const invitationSent = i !== 0 && unit(seed, i, S.invite) < 0.06;
  const responder = role !== 'read_only_user' && role !== 'read_only_limited_user' && role !== 'observer' && !invitationSent;
  const openIncidents = responder && unit(seed, i, S.incidents) < 0.04 ? 1 + (hash32(seed, i, S.incidents + 100) % 2) : 0;
  const schedule = responder && unit(seed, i, S.schedule) < 0.12 ? hash32(seed, i, S.scheduleWhich) % scheduleCount(spec.users) : -1;
  const escalationPolicy = responder && unit(seed, i, S.ep) < 0.08 ? hash32(seed, i, S.epWhich) % escalationPolicyCount(spec.users) : -1;
  return { role, invitationSent, openIncidents, schedule, escalationPolicy };
}

/** Name and email of seeded user #i alone: what `GET /users?query=` searches, without the rest of the record. */
export function deriveNameEmail(spec: SeedSpec, i: number): { name: string; email: string } {
  const first = pick(FIRST_NAMES, spec.seed, i, S.first);
  const last = pick(LAST_NAMES, spec.seed, i, S.last);
  return { name: `${first} ${last}`, email: `${first}.${last}.${i}@${spec.subdomain}.example.com`.toLowerCase() };
}

/** Derives seeded user #i. Pure: same spec and index always give the same record. */
export function deriveUser(spec: SeedSpec, i: number): UserRecord {
  const { seed } = spec;
  const { name, email } = deriveNameEmail(spec, i);
  const { role, invitationSent, openIncidents, schedule, escalationPolicy } = deriveDuty(spec, i);
  const nTeams = teamCount(spec.users);
  const teamRoll = unit(seed, i, S.teamN);
  const teams: number[] = [];
  if (teamRoll < 0.85) teams.push(hash32(seed, i, S.team1) % nTeams);
  if (teamRoll < 0.2) {
    const t2 = hash32(seed, i, S.team2) % nTeams;
    if (t2 !== teams[0]) teams.push(t2);
  }
  const createdAt = spec.referenceTime - (30 + (hash32(seed, i, S.created) % 2000)) * DAY;
  // Sign-in mix: ~8% never signed in (plus everyone still invited), ~15% stale (> 1 year), rest recent.
  let lastSignInAt: number | null = null;
  const signRoll = unit(seed, i, S.signedIn);
  if (!invitationSent && signRoll >= 0.08) {
    const ageDays = signRoll < 0.23 ? 366 + (hash32(seed, i, S.signAge) % 700) : hash32(seed, i, S.signAge) % 90;
    lastSignInAt = Math.max(createdAt + DAY, spec.referenceTime - ageDays * DAY - (hash32(seed, i, S.signAge + 100) % DAY));
  }
  return {
    index: i,
    id: encodeId(seed, IdKind.user, i),
    name,
    email,
    timeZone: pick(TIME_ZONES, seed, i, S.tz),
    color: pick(COLORS, seed, i, S.color),
    role,
    description: unit(seed, i, S.describe) < 0.3 ? pick(DESCRIPTIONS, seed, i, S.describe + 1) : null,
    invitationSent,
    jobTitle: pick(JOB_TITLES, seed, i, S.title),
    createdViaSso: unit(seed, i, S.sso) < 0.4,
    teams,
    createdAt,
    lastSignInAt,
    openIncidents,
    schedule,
    escalationPolicy,
    delegations: lastSignInAt === null ? 0 : hash32(seed, i, S.delegations) % 4,
    mobileApp: lastSignInAt !== null && unit(seed, i, S.mobile) < 0.45,
  };
}

/** Seeded emails embed the index, which lets the store check uniqueness without an email index. */
export function indexFromSeededEmail(email: string): number {
  const m = /\.(\d+)@[^@]+$/.exec(email);
  return m ? Number(m[1]) : -1;
}
