import { Errors } from '../errors';
import { reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import type { SimState } from '../state';
import { deleteBlockers } from '../routes/users';
import { controlPatch, internalView } from './user-patch';

function find(state: SimState, id: string): number {
  const index = state.store.indexOfId(id);
  if (index < 0) throw Errors.notFound();
  return index;
}

function addUser({ state, body }: RequestContext): Reply {
  const p = controlPatch(state, body);
  if (!p.name || !p.email) throw Errors.invalidInput('name and email are required');
  const r = state.store.add({
    name: p.name,
    email: p.email,
    timeZone: p.timeZone ?? 'Etc/UTC',
    color: p.color ?? 'green',
    role: p.role ?? 'user',
    description: p.description ?? null,
    invitationSent: p.invitationSent ?? false,
    jobTitle: p.jobTitle ?? '',
    createdViaSso: p.createdViaSso ?? false,
    teams: p.teams ?? [],
    createdAt: p.createdAt ?? Date.now(),
    lastSignInAt: p.lastSignInAt ?? null,
    openIncidents: p.openIncidents ?? 0,
    schedule: p.schedule ?? -1,
    escalationPolicy: p.escalationPolicy ?? -1,
    delegations: p.delegations ?? 0,
    mobileApp: p.mobileApp ?? false,
  });
  return reply(201, { user: internalView(r) });
}

function getUser({ state, params }: RequestContext): Reply {
  const r = state.store.get(find(state, params['id'] as string));
  if (!r) throw Errors.notFound();
  return reply(200, { user: internalView(r), delete_blockers: deleteBlockers(state, r) });
}

function patchUser({ state, params, body }: RequestContext): Reply {
  const index = find(state, params['id'] as string);
  const r = state.store.update(index, controlPatch(state, body));
  if (!r) throw Errors.notFound();
  return reply(200, { user: internalView(r) });
}

function removeUser({ state, params }: RequestContext): Reply {
  state.store.remove(find(state, params['id'] as string));
  return reply(204);
}

const LIST_MAX_LIMIT = 1000;

/** A whole non-negative integer query parameter, or the default; anything else is a 400 naming it. */
function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw Errors.invalidInput(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/**
 * Every user in `GET /users` order with what tests check against (sign-in dates included, which
 * `/users` does not carry): the whole account's truth, paged by offset with no 10,000 cap.
 */
function listUsers({ state, query }: RequestContext): Reply {
  const { store } = state;
  const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(query, 'limit', 100, 1, LIST_MAX_LIMIT);
  const end = Math.min(store.count, offset + limit);
  const users: Record<string, unknown>[] = [];
  for (let p = offset; p < end; p++) {
    const r = store.get(store.indexAt(p));
    if (r) users.push(internalView(r));
  }
  return reply(200, { users, offset, limit, total: store.count, more: end < store.count });
}

/** Handy user IDs by trait, from the start of the account, so tests need not hunt for them. */
function fixtures({ state }: RequestContext): Reply {
  const out: Record<string, string> = {};
  const year = 365 * 86_400_000;
  let seen = 0;
  for (const r of state.store.records()) {
    if (++seen > 20_000) break;
    const take = (k: string, cond: boolean): void => {
      if (cond && !out[k]) out[k] = r.id;
    };
    take('owner', r.role === 'owner');
    take('admin', r.role === 'admin');
    take('stakeholder', r.role === 'read_only_user' || r.role === 'read_only_limited_user');
    take('invited', r.invitationSent);
    take('never_signed_in', r.lastSignInAt === null);
    take('stale_sign_in', r.lastSignInAt !== null && r.lastSignInAt < state.spec.referenceTime - year);
    take('with_open_incidents', r.openIncidents > 0 && r.role !== 'owner');
    take('on_schedule', r.schedule >= 0 && r.role !== 'owner');
    take('on_escalation_policy', r.escalationPolicy >= 0 && r.role !== 'owner');
    take('with_delegations', r.delegations >= 2);
    take('deletable', deleteBlockers(state, r).length === 0);
  }
  return reply(200, out);
}

export const controlUserRoutes: Route[] = [
  { method: 'GET', pattern: '/_sim/users', handler: listUsers },
  { method: 'POST', pattern: '/_sim/users', handler: addUser },
  { method: 'GET', pattern: '/_sim/users/{id}', handler: getUser },
  { method: 'PATCH', pattern: '/_sim/users/{id}', handler: patchUser },
  { method: 'DELETE', pattern: '/_sim/users/{id}', handler: removeUser },
  { method: 'GET', pattern: '/_sim/fixtures', handler: fixtures },
];
