import { policyId, policyName, scheduleId, scheduleName, teamId } from '../data/catalog';
import type { UserRecord } from '../data/types';
import { Errors } from '../errors';
import { rawJson, reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { userJson, type UserInclude } from '../serialize/user-json';
import type { SimState } from '../state';
import { arrayParam, offsetPage, pageJson, window } from './paging';
import { userPatchFromBody } from './user-input';

const LIST_INCLUDES = new Set(['contact_methods', 'notification_rules', 'teams', 'subdomains']);
const DETAIL_INCLUDES = new Set([...LIST_INCLUDES, 'calendar_urls']);

function includes(query: URLSearchParams, allowed: ReadonlySet<string>): Set<UserInclude> {
  const out = new Set<UserInclude>();
  for (const v of arrayParam(query, 'include')) {
    if (!allowed.has(v)) throw Errors.invalidInput(`include[] must be one of ${[...allowed].join(', ')}`);
    // subdomains/calendar_urls are accepted but add nothing: single-account simulator, no calendars.
    if (v === 'teams' || v === 'contact_methods' || v === 'notification_rules') out.add(v);
  }
  return out;
}

/** Serialises a user, from the bounded cache when no include[] changes the shape. */
export function renderUser(state: SimState, r: UserRecord, inc: ReadonlySet<UserInclude>): string {
  if (inc.size > 0) return userJson(state.spec, state.links, r, inc);
  return state.cache.get(r.index, () => userJson(state.spec, state.links, r, inc));
}

/** Like renderUser for the default shape, but only materialises the record on a cache miss. */
function renderIndex(state: SimState, index: number): string | undefined {
  const r = (): UserRecord | undefined => state.store.get(index);
  if (!state.store.exists(index)) return undefined;
  return state.cache.get(index, () => userJson(state.spec, state.links, r() as UserRecord, new Set()));
}

function listUsers({ state, query }: RequestContext): Reply {
  const page = offsetPage(query);
  const inc = includes(query, LIST_INCLUDES);
  const q = query.get('query')?.toLowerCase() ?? '';
  const teamIds = new Set(arrayParam(query, 'team_ids'));
  const { store } = state;
  if (!q && teamIds.size === 0) {
    // Fast path: positions map straight to users, no scan (this is the path a full sync takes).
    const end = Math.min(store.count, page.offset + page.limit);
    const build = (): string => {
      const items: string[] = [];
      for (let p = page.offset; p < end; p++) {
        if (inc.size > 0) {
          const r = store.get(store.indexAt(p));
          if (r) items.push(renderUser(state, r, inc));
        } else {
          const json = renderIndex(state, store.indexAt(p));
          if (json !== undefined) items.push(json);
        }
      }
      return pageJson('users', items, page, end < store.count, store.count);
    };
    if (inc.size > 0) return rawJson(200, build());
    return rawJson(200, state.pages.get(`${page.offset}:${page.limit}:${page.total}`, store.version, build));
  }
  // `query` is a case-insensitive substring match on name and email (observed behaviour, see README).
  // The search index keeps the matches of recent queries, so paging a partition is O(limit) per page.
  const teamMatch = (r: UserRecord): boolean => teamIds.size === 0 || r.teams.some((t) => teamIds.has(teamId(state.spec, t)));
  if (teamIds.size === 0) {
    const matches = state.search.match(q);
    const end = Math.min(matches.length, page.offset + page.limit);
    const items: string[] = [];
    for (let k = page.offset; k < end; k++) {
      const index = matches[k] as number;
      const json = inc.size > 0 ? renderUserAt(state, index, inc) : renderIndex(state, index);
      if (json !== undefined) items.push(json);
    }
    return rawJson(200, pageJson('users', items, page, end < matches.length, matches.length));
  }
  function* filtered(): Generator<UserRecord> {
    if (q) {
      for (const index of state.search.match(q)) {
        const r = store.get(index);
        if (r && teamMatch(r)) yield r;
      }
    } else {
      for (const r of store.records()) if (teamMatch(r)) yield r;
    }
  }
  const { rows, count } = window(filtered(), page);
  const items = rows.map((r) => renderUser(state, r, inc));
  return rawJson(200, pageJson('users', items, page, page.offset + rows.length < count, count));
}

function renderUserAt(state: SimState, index: number, inc: ReadonlySet<UserInclude>): string | undefined {
  const r = state.store.get(index);
  return r ? renderUser(state, r, inc) : undefined;
}

function findUser(state: SimState, id: string): UserRecord {
  const r = state.store.get(state.store.indexOfId(id));
  if (!r) throw Errors.notFound();
  return r;
}

function getUser({ state, params, query }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  return rawJson(200, `{"user":${renderUser(state, r, includes(query, DETAIL_INCLUDES))}}`);
}

function createUser({ state, body, headers }: RequestContext): Reply {
  // The spec marks `From` (a valid account user's email) as required on POST /users.
  const from = headers['from'];
  if (typeof from !== 'string' || !from) throw Errors.invalidInput('The From header is required and must be the email address of a valid user');
  const patch = userPatchFromBody(body, state.store, true);
  const r = state.store.add({
    name: patch.name as string,
    email: patch.email as string,
    timeZone: patch.timeZone ?? 'Etc/UTC',
    color: patch.color ?? 'green',
    role: patch.role ?? 'user',
    description: patch.description ?? null,
    invitationSent: true, // a new user has an outstanding invitation until they sign up
    jobTitle: patch.jobTitle ?? '',
    createdViaSso: false,
    teams: [],
    createdAt: Date.now(),
    lastSignInAt: null,
    openIncidents: 0,
    schedule: -1,
    escalationPolicy: -1,
    delegations: 0,
    mobileApp: false,
  });
  return rawJson(201, `{"user":${renderUser(state, r, new Set())}}`);
}

function updateUser({ state, params, body }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  const patch = userPatchFromBody(body, state.store, false, r.index);
  if (r.role === 'owner' && patch.role !== undefined) throw Errors.invalidInput("The account owner's role cannot be changed");
  const updated = state.store.update(r.index, patch) as UserRecord;
  return rawJson(200, `{"user":${renderUser(state, updated, new Set())}}`);
}

/** The reasons PagerDuty refuses to delete a user (owner, open incidents, on-call duty). */
export function deleteBlockers(state: SimState, r: UserRecord): string[] {
  const out: string[] = [];
  if (r.role === 'owner') out.push('The account owner cannot be deleted. Transfer account ownership to another user first.');
  if (r.openIncidents > 0) {
    out.push(`User has ${r.openIncidents} open incident${r.openIncidents === 1 ? '' : 's'} assigned. Resolve or reassign them before deleting the user.`);
  }
  if (r.schedule >= 0) {
    out.push(`User is on schedule "${scheduleName(r.schedule)}" (${scheduleId(state.spec, r.schedule)}). Remove them from the schedule before deleting the user.`);
  }
  if (r.escalationPolicy >= 0) {
    out.push(
      `User is a target of escalation policy "${policyName(r.escalationPolicy)}" (${policyId(state.spec, r.escalationPolicy)}). Remove them from the escalation policy before deleting the user.`,
    );
  }
  return out;
}

function deleteUser({ state, params }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  const blockers = deleteBlockers(state, r);
  if (blockers.length) throw Errors.invalidInput(...blockers);
  state.store.remove(r.index);
  return reply(204);
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/users', scope: 'users.read', handler: listUsers },
  { method: 'POST', pattern: '/users', scope: 'users.write', write: true, handler: createUser },
  { method: 'GET', pattern: '/users/{id}', scope: 'users.read', handler: getUser },
  { method: 'PUT', pattern: '/users/{id}', scope: 'users.write', write: true, handler: updateUser },
  { method: 'DELETE', pattern: '/users/{id}', scope: 'users.write', write: true, handler: deleteUser },
];
