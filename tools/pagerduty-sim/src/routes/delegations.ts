import { hash32 } from '../data/prng';
import type { UserRecord } from '../data/types';
import { Errors } from '../errors';
import { reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { isoSeconds } from '../serialize/format';
import type { SimState } from '../state';

const DAY = 86_400_000;
const TYPES = ['web', 'mobile', 'integration'] as const;

interface Delegation {
  id: string;
  status: 'issued' | 'revoked';
  client_id: string;
  delegation_type: (typeof TYPES)[number];
  scope: string;
  created_at: string;
  expires_at: string;
  self: string;
}

function uuidLike(seed: number, serial: number): string {
  const h = (salt: number): string => hash32(seed, serial, salt).toString(16).padStart(8, '0');
  const a = h(1);
  const b = h(2);
  const c = h(3);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${h(4)}`;
}

/** A user's delegations: a web login around the last sign-in, then mobile and integration grants. */
function delegationsOf(state: SimState, r: UserRecord): Delegation[] {
  const out: Delegation[] = [];
  const anchor = r.lastSignInAt ?? r.createdAt;
  for (let k = 0; k < r.delegations; k++) {
    const type = TYPES[Math.min(k, 2)] as Delegation['delegation_type'];
    const created = anchor - k * 3 * DAY;
    const lifetime = type === 'web' ? 7 : type === 'mobile' ? 60 : 365;
    const expires = created + lifetime * DAY;
    const id = uuidLike(state.spec.seed, r.index * 16 + k);
    out.push({
      id,
      status: expires > state.spec.referenceTime ? 'issued' : 'revoked',
      client_id: type === 'web' ? 'PagerDutyLogin' : type === 'mobile' ? 'PagerDutyMobile' : `integration-${id.slice(0, 8)}`,
      delegation_type: type,
      scope: type === 'integration' ? 'read write' : 'openid profile',
      created_at: isoSeconds(created),
      expires_at: isoSeconds(expires),
      self: `${state.links.apiBase}/users/${r.id}/oauth_delegations/${id}`,
    });
  }
  return out;
}

function decodeCursor(cursor: string): number {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { position?: unknown };
    if (typeof v.position === 'number' && Number.isInteger(v.position) && v.position >= 0) return v.position;
  } catch {
    // fall through to the 400 below
  }
  throw Errors.invalidInput('Invalid cursor');
}

/** Cursor pagination: `limit` + `cursor` in, `next_cursor` out (present only when `more` is true). */
function listDelegations({ state, params, query }: RequestContext): Reply {
  const r = state.store.get(state.store.indexOfId(params['id'] as string));
  if (!r) throw Errors.notFound();
  const types = (query.get('delegation_type') ?? '').split(',').filter(Boolean);
  for (const t of types) if (!(TYPES as readonly string[]).includes(t)) throw Errors.invalidInput('delegation_type must be mobile, web or integration');
  const status = query.get('status');
  if (status && status !== 'issued' && status !== 'revoked') throw Errors.invalidInput('status must be issued or revoked');
  const rawLimit = Number.parseInt(query.get('limit') ?? '25', 10);
  const limit = Math.min(100, Number.isFinite(rawLimit) && rawLimit > 0 ? rawLimit : 25);
  const cursor = query.get('cursor');
  const start = cursor ? decodeCursor(cursor) : 0;
  const all = delegationsOf(state, r).filter((d) => (!types.length || types.includes(d.delegation_type)) && (!status || d.status === status));
  const rows = all.slice(start, start + limit);
  const more = start + rows.length < all.length;
  const body: Record<string, unknown> = { oauth_delegations: rows, limit, more };
  if (more) body['next_cursor'] = Buffer.from(JSON.stringify({ position: start + rows.length })).toString('base64');
  return reply(200, body);
}

export const delegationRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{id}/oauth_delegations', scope: 'oauth_delegations.read', handler: listDelegations },
];
