import type { PagerDutyHttpClient } from '../http/pagerduty-http.client';
import { isObject } from '../users/user-page';

export interface LicenceRef {
  id: string;
  name: string;
  /** How the licence was attributed: from the role's single matching licence in `GET /licenses`. */
  source: 'pagerduty:licenses.valid_roles';
}

/**
 * Role → licence, from one `GET /licenses` per run. PagerDuty has no bulk "licence per user" read
 * that pages past the offset cap, and a call per user would spend the budget; a role that fits
 * exactly one licence identifies it. A role that fits none or several maps to null.
 */
export async function fetchLicenceByRole(client: PagerDutyHttpClient, signal?: AbortSignal): Promise<Map<string, LicenceRef | null>> {
  const res = await client.send({ method: 'GET', path: '/licenses' }, signal);
  const byRole = new Map<string, LicenceRef | null>();
  const body = res.body;
  if (!isObject(body) || !Array.isArray(body['licenses'])) return byRole;
  for (const l of body['licenses'] as unknown[]) {
    if (!isObject(l) || typeof l['id'] !== 'string' || !Array.isArray(l['valid_roles'])) continue;
    const ref: LicenceRef = { id: l['id'], name: typeof l['name'] === 'string' ? l['name'] : l['id'], source: 'pagerduty:licenses.valid_roles' };
    for (const role of l['valid_roles'] as unknown[]) {
      if (typeof role !== 'string') continue;
      byRole.set(role, byRole.has(role) ? null : ref);
    }
  }
  return byRole;
}
