import { teamId, teamName } from '../data/catalog';
import type { UserRecord } from '../data/types';
import { Errors } from '../errors';
import { isRecord, reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { isoSeconds } from '../serialize/format';
import type { SimState } from '../state';

const ACCOUNT_ID = 1454;

interface Filters {
  created_at_start?: string;
  created_at_end?: string;
  team_ids?: string[];
  user_ids?: string[];
  role_ids?: string[];
}

function cursorOf(index: number): string {
  return Buffer.from(JSON.stringify({ user: index })).toString('base64');
}

function indexOfCursor(cursor: string): number {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { user?: unknown };
    if (typeof v.user === 'number' && Number.isInteger(v.user) && v.user >= 0) return v.user;
  } catch {
    // fall through
  }
  throw Errors.invalidInput('starting_after is not a valid cursor');
}

function stringArray(v: unknown, name: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw Errors.invalidInput(`filters.${name} must be an array of strings`);
  return v as string[];
}

function dateFilter(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw Errors.invalidInput(`filters.${name} must be an ISO-8601 date-time`);
  return t;
}

function rawUser(state: SimState, r: UserRecord): Record<string, unknown> {
  const firstTeam = r.teams[0];
  return {
    id: r.id,
    user_name: r.name,
    email: r.email,
    account_id: ACCOUNT_ID,
    description: r.description,
    time_zone: r.timeZone,
    role: r.role,
    team_id: firstTeam === undefined ? null : teamId(state.spec, firstTeam),
    team_name: firstTeam === undefined ? null : teamName(firstTeam),
    created_at: isoSeconds(r.createdAt),
    last_sign_in_at: r.lastSignInAt === null ? null : isoSeconds(r.lastSignInAt),
    default_notification_channel_count: 1,
    escalation_policies_count: r.escalationPolicy >= 0 ? 1 : 0,
    schedules_count: r.schedule >= 0 ? 1 : 0,
    channel_types_configured: r.mobileApp ? ['EmailChannel', 'PushNotificationChannel'] : ['EmailChannel'],
    team_count: r.teams.length,
    downloaded_mobile_app: r.mobileApp,
    notification_methods: true,
    on_escalation_policy: r.escalationPolicy >= 0,
    on_schedule: r.schedule >= 0,
    signed_up: r.lastSignInAt !== null,
  };
}

/**
 * The indices of the users to consider, in listing order (`asc` or `desc`) after the cursor.
 * Filtered by `user_ids` — what a sync sends, one page of ids per request — they are looked up by
 * id instead of walking every user: the walk made each request O(account size), a 50,000-user
 * sync quadratic (the simulator spent more CPU than any Seatkeeper service).
 */
function* listingOrder(state: SimState, order: 'asc' | 'desc', after: number | undefined, userIds: string[] | undefined): Generator<number> {
  const { store } = state;
  if (userIds) {
    // Listing order is index order (`live` is ascending), so sorting the indices orders them.
    const indices = [...new Set(userIds.map((id) => store.indexOfId(id)))]
      .filter((i) => i >= 0 && (after === undefined || (order === 'asc' ? i > after : i < after)))
      .sort((a, b) => a - b);
    yield* order === 'asc' ? indices : indices.reverse();
    return;
  }
  const step = order === 'asc' ? 1 : -1;
  let p = order === 'asc' ? (after === undefined ? 0 : store.positionAfter(after)) : after === undefined ? store.count - 1 : store.positionAfter(after - 1) - 1;
  for (; p >= 0 && p < store.count; p += step) yield store.indexAt(p);
}

/**
 * `POST /analytics/raw/users`: the only documented source of `last_sign_in_at`. Its own paging:
 * body `limit` (default and max 1000) and `starting_after`; response `first`/`last` cursors and
 * `more`. Ordered by user (the simulator's internal creation order), `desc` by default as the spec says.
 */
function rawUsers({ state, body }: RequestContext): Reply {
  const b = isRecord(body) ? body : {};
  const f: Filters = isRecord(b['filters']) ? (b['filters'] as Filters) : {};
  const limit = b['limit'] === undefined ? 1000 : b['limit'];
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw Errors.invalidInput('limit must be an integer between 1 and 1000');
  }
  const order = b['order'] ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw Errors.invalidInput('order must be asc or desc');
  const start = dateFilter(f.created_at_start, 'created_at_start');
  const end = dateFilter(f.created_at_end, 'created_at_end');
  const teams = stringArray(f.team_ids, 'team_ids');
  const users = stringArray(f.user_ids, 'user_ids');
  const roles = stringArray(f.role_ids, 'role_ids');
  const after = typeof b['starting_after'] === 'string' ? indexOfCursor(b['starting_after']) : undefined;

  const { store } = state;
  const keep = (r: UserRecord): boolean =>
    (start === undefined || r.createdAt >= start) &&
    (end === undefined || r.createdAt <= end) &&
    (!teams || r.teams.some((t) => teams.includes(teamId(state.spec, t)))) &&
    (!users || users.includes(r.id)) &&
    (!roles || roles.includes(r.role));
  const rows: UserRecord[] = [];
  let more = false;
  for (const index of listingOrder(state, order, after, users)) {
    const r = store.get(index);
    if (!r || !keep(r)) continue;
    if (rows.length === limit) {
      more = true;
      break;
    }
    rows.push(r);
  }
  const out: Record<string, unknown> = {};
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last) {
    out['first'] = cursorOf(first.index);
    out['last'] = cursorOf(last.index);
  }
  Object.assign(out, {
    limit,
    more,
    order,
    order_by: typeof b['order_by'] === 'string' ? b['order_by'] : 'user_id',
    filters: { ...f },
    time_zone: typeof b['time_zone'] === 'string' ? b['time_zone'] : 'Etc/UTC',
    data: rows.map((r) => rawUser(state, r)),
  });
  return reply(200, out);
}

export const analyticsRoutes: Route[] = [
  // POST, and scoped `analytics.write` in the spec, but it only reads: read-only keys may call it.
  { method: 'POST', pattern: '/analytics/raw/users', scope: 'analytics.write', handler: rawUsers },
];
