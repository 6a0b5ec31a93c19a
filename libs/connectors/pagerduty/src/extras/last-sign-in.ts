import type { UserSummary } from '@seatkeeper/connector-kit';
import { PagerDutyApiError } from '../errors';
import type { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { isObject } from '../users/user-page';

/** A row of `POST /analytics/raw/users`, in the kit's shape (`lastSignInAt` null: PagerDuty has no data, never "inactive"). */
export type RawUserRow = UserSummary;

/** Analytics refuses more than this many rows per call. */
const ANALYTICS_LIMIT = 1000;

/**
 * Calls allowed for one set of ids beyond the ⌈ids / limit⌉ an honoured filter needs. A proxy or a
 * plan that ignores `user_ids` would otherwise walk the whole account for every page of users.
 */
const EXTRA_CALLS = 1;

/**
 * `POST /analytics/raw/users` for a set of user ids, following its own `starting_after` cursor.
 * Returns the rows PagerDuty has for those ids; users it does not know are absent from the map.
 *
 * The filter is not trusted: rows for other ids are dropped, and the walk stops when every id is
 * found, when a page holds none of the ids asked for, or after ⌈ids / limit⌉ + 1 calls. Each of
 * those stops (with rows dropped) is reported through `warn`, which the run keeps in its warnings.
 */
export async function fetchRawUsers(
  client: PagerDutyHttpClient,
  userIds: string[],
  signal?: AbortSignal,
  warn: (warning: string) => void = () => undefined,
): Promise<Map<string, RawUserRow>> {
  const out = new Map<string, RawUserRow>();
  if (userIds.length === 0) return out;
  const wanted = new Set(userIds);
  const maxCalls = Math.ceil(wanted.size / ANALYTICS_LIMIT) + EXTRA_CALLS;
  let foreign = 0;
  let startingAfter: string | undefined;
  let calls = 0;
  let stop: string | null = null;
  while (stop === null) {
    calls++;
    const res = await client.send(
      {
        method: 'POST',
        path: '/analytics/raw/users',
        body: {
          filters: { user_ids: userIds },
          limit: ANALYTICS_LIMIT,
          order: 'asc',
          order_by: 'user_id',
          time_zone: 'Etc/UTC',
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        },
      },
      signal,
    );
    const body = res.body;
    if (!isObject(body) || !Array.isArray(body['data'])) break;
    let matched = 0;
    for (const row of body['data'] as unknown[]) {
      if (!isObject(row) || typeof row['id'] !== 'string') continue;
      if (!wanted.has(row['id'])) {
        foreign++;
        continue;
      }
      matched++;
      out.set(row['id'], {
        id: row['id'],
        role: typeof row['role'] === 'string' ? row['role'] : null,
        email: typeof row['email'] === 'string' ? row['email'] : null,
        name: typeof row['user_name'] === 'string' ? row['user_name'] : null,
        lastSignInAt: typeof row['last_sign_in_at'] === 'string' ? row['last_sign_in_at'] : null,
      });
    }
    if (body['more'] !== true || typeof body['last'] !== 'string') break;
    if (out.size === wanted.size) break;
    if (matched === 0) stop = 'a page held none of the requested ids';
    else if (calls >= maxCalls) stop = `the bound of ${maxCalls} calls for ${wanted.size} ids was reached`;
    startingAfter = body['last'];
  }
  if (foreign > 0 || stop !== null) {
    warn(
      `last sign-in: analytics ignored the user_ids filter (${foreign} rows for other users dropped)` +
        `${stop ? `; stopped after ${calls} calls: ${stop}` : ''}; ${wanted.size - out.size} of ${wanted.size} users have no last sign-in from this read`,
    );
  }
  return out;
}

/** True for the answers that mean "this account cannot use analytics" (plan or scope), not a failure of the run. */
export function isAnalyticsUnavailable(e: unknown): boolean {
  return e instanceof PagerDutyApiError && [402, 403, 404].includes(e.status);
}
