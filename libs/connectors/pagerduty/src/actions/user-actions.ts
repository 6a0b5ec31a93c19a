import type { BulkUsersResult, DeletePreflight, DeleteUserOutcome, UserActions } from '@seatkeeper/connector-kit';
import { PagerDutyApiError } from '../errors';
import type { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { fetchRawUsers, type RawUserRow } from '../extras/last-sign-in';
import { isObject, type PagerDutyUserRecord } from '../users/user-page';
import { PagerDutyMalformedResponseError } from '../errors';

// The kit's shapes, under the names this library always exported them by.
// Delete: 204 deleted, 404 already-absent, 400 refused with PagerDuty's reasons (open incidents, schedules, escalation policies, owner).
export type { BulkUsersResult, DeletePreflight, DeleteUserOutcome };

const BULK_CHUNK = 100;
const USER_INCLUDES = ['contact_methods', 'notification_rules', 'teams'] as const;

/** Single-user reads and writes used by workflows; each call spends the same budget as a sync. */
export class PagerDutyUserActions implements UserActions {
  constructor(private readonly client: PagerDutyHttpClient) {}

  /**
   * `GET /users/{id}` with `include[]` contact_methods, notification_rules and teams, so the record
   * holds those objects in full (a restore kit needs them, not `*_reference` stubs); null on 404.
   */
  async getUser(userId: string, signal?: AbortSignal): Promise<PagerDutyUserRecord | null> {
    try {
      const res = await this.client.send({ method: 'GET', path: `/users/${encodeURIComponent(userId)}`, query: { 'include[]': USER_INCLUDES } }, signal);
      const body = res.body;
      if (!isObject(body) || !isObject(body['user']) || typeof body['user']['id'] !== 'string') {
        throw new PagerDutyMalformedResponseError(`GET /users/${userId}: the answer has no user`);
      }
      return body['user'] as PagerDutyUserRecord;
    } catch (e) {
      if (e instanceof PagerDutyApiError && e.status === 404) return null;
      throw e;
    }
  }

  /**
   * Many users by id (roles for the role-retrieval block) in ⌈N/100⌉ calls of
   * `POST /analytics/raw/users` filtered by `user_ids`: `GET /users` has no id filter.
   */
  async listUsersByIds(userIds: string[], signal?: AbortSignal): Promise<BulkUsersResult> {
    const unique = [...new Set(userIds)];
    const found: RawUserRow[] = [];
    let calls = 0;
    for (let i = 0; i < unique.length; i += BULK_CHUNK) {
      const chunk = unique.slice(i, i + BULK_CHUNK);
      calls++;
      const rows = await fetchRawUsers(this.client, chunk, signal);
      found.push(...rows.values());
    }
    const seen = new Set(found.map((r) => r.id));
    return { found, missing: unique.filter((id) => !seen.has(id)), calls };
  }

  /** `DELETE /users/{id}`: 204 and 404 both mean done; 400 returns PagerDuty's reasons. */
  async deleteUser(userId: string, signal?: AbortSignal): Promise<DeleteUserOutcome> {
    try {
      await this.client.send({ method: 'DELETE', path: `/users/${encodeURIComponent(userId)}` }, signal);
      return { outcome: 'deleted' };
    } catch (e) {
      if (e instanceof PagerDutyApiError && e.status === 404) return { outcome: 'already-absent' };
      if (e instanceof PagerDutyApiError && e.status === 400) return { outcome: 'refused', reasons: e.reasons, message: e.message };
      throw e;
    }
  }

  /** What would block a delete: open incidents, schedules and escalation policies naming the user. */
  async preflightDelete(userId: string, signal?: AbortSignal): Promise<DeletePreflight> {
    const user = await this.getUser(userId, signal);
    if (!user) return { userId, exists: false, openIncidents: [], schedules: [], escalationPolicies: [], clear: true };
    const incidents = await this.listAll('/incidents', 'incidents', {
      'statuses[]': ['triggered', 'acknowledged'],
      'user_ids[]': [userId],
      date_range: 'all',
    }, signal);
    const schedules = await this.listAll('/schedules', 'schedules', { 'user_ids[]': [userId] }, signal);
    // PagerDuty filters schedules by query only; keep the ones that really list the user.
    const onSchedules = schedules.filter((s) => !Array.isArray(s['users']) || (s['users'] as unknown[]).some((u) => isObject(u) && u['id'] === userId));
    const policies = await this.listAll('/escalation_policies', 'escalation_policies', { 'user_ids[]': [userId] }, signal);
    const result: DeletePreflight = {
      userId,
      exists: true,
      openIncidents: incidents.map((i) => ({ id: String(i['id']), summary: typeof i['summary'] === 'string' ? i['summary'] : null })),
      schedules: onSchedules.map((s) => ({ id: String(s['id']), name: typeof s['name'] === 'string' ? s['name'] : null })),
      escalationPolicies: policies.map((p) => ({ id: String(p['id']), name: typeof p['name'] === 'string' ? p['name'] : null })),
      clear: false,
    };
    result.clear = !result.openIncidents.length && !result.schedules.length && !result.escalationPolicies.length;
    return result;
  }

  /** Offset pages of a list endpoint, up to the 10,000 cap (preflight lists are small). */
  private async listAll(path: string, key: string, query: Record<string, string | readonly string[]>, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let offset = 0; offset + 100 <= 10_000; offset += 100) {
      const res = await this.client.send({ method: 'GET', path, query: { ...query, limit: 100, offset } }, signal);
      const body = res.body;
      if (!isObject(body) || !Array.isArray(body[key])) throw new PagerDutyMalformedResponseError(`GET ${path}: the answer has no "${key}" array`);
      out.push(...(body[key] as unknown[]).filter(isObject));
      if (body['more'] !== true) break;
    }
    return out;
  }
}
