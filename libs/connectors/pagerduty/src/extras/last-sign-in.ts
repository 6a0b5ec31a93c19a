import { PagerDutyApiError } from '../errors';
import type { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { isObject } from '../users/user-page';


export interface RawUserRow {
  id: string;
  role: string | null;
  email: string | null;
  name: string | null;
  /** ISO time of the last sign-in; null means PagerDuty has no data (never "inactive"). */
  lastSignInAt: string | null;
}

/** Analytics refuses more than this many rows per call. */
const ANALYTICS_LIMIT = 1000;

/**
 * `POST /analytics/raw/users` for a set of user ids, following its own `starting_after` cursor.
 * Returns the rows PagerDuty has; users it does not know are absent from the map.
 */
export async function fetchRawUsers(client: PagerDutyHttpClient, userIds: string[], signal?: AbortSignal): Promise<Map<string, RawUserRow>> {
  const out = new Map<string, RawUserRow>();
  if (userIds.length === 0) return out;
  let startingAfter: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
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
    for (const row of body['data'] as unknown[]) {
      if (!isObject(row) || typeof row['id'] !== 'string') continue;
      out.set(row['id'], {
        id: row['id'],
        role: typeof row['role'] === 'string' ? row['role'] : null,
        email: typeof row['email'] === 'string' ? row['email'] : null,
        name: typeof row['user_name'] === 'string' ? row['user_name'] : null,
        lastSignInAt: typeof row['last_sign_in_at'] === 'string' ? row['last_sign_in_at'] : null,
      });
    }
    if (body['more'] !== true || typeof body['last'] !== 'string') break;
    startingAfter = body['last'];
  }
  return out;
}

/** True for the answers that mean "this account cannot use analytics" (plan or scope), not a failure of the run. */
export function isAnalyticsUnavailable(e: unknown): boolean {
  return e instanceof PagerDutyApiError && [402, 403, 404].includes(e.status);
}
