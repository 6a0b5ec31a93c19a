import { LICENSES, licenseId } from '../data/catalog';
import { STAKEHOLDER_ROLES, type UserRecord } from '../data/types';
import { Errors } from '../errors';
import { rawJson, reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { isoSeconds } from '../serialize/format';
import type { SimState } from '../state';
import { offsetPage, pageJson } from './paging';

// Two licences, as on a Business plan: full users and stakeholders (read-only roles).
const CAPACITY = 5000;

function licenseBody(state: SimState, kind: number): Record<string, unknown> {
  const l = LICENSES[kind] as (typeof LICENSES)[number];
  return {
    id: licenseId(state.spec, kind),
    name: l.name,
    description: l.description,
    valid_roles: l.valid_roles,
    role_group: l.role_group,
    summary: l.name,
    type: 'license',
    // The spec example shows self/html_url null but the schema says string: we omit them instead.
  };
}

function licenseKind(r: UserRecord): number {
  return STAKEHOLDER_ROLES.has(r.role) ? 1 : 0;
}

function userLicense({ state, params }: RequestContext): Reply {
  const r = state.store.get(state.store.indexOfId(params['id'] as string));
  if (!r) throw Errors.notFound();
  return reply(200, { license: licenseBody(state, licenseKind(r)) });
}

function listLicenses({ state }: RequestContext): Reply {
  const d = state.duties.get();
  const used = [d.fullUsers, d.stakeholders];
  return reply(200, {
    licenses: LICENSES.map((l) => {
      const current = used[l.kind] ?? 0;
      return { ...licenseBody(state, l.kind), current_value: current, allocations_available: Math.max(0, Math.max(CAPACITY, current) - current) };
    }),
  });
}

function listAllocations({ state, query }: RequestContext): Reply {
  const page = offsetPage(query);
  const { store } = state;
  const items: string[] = [];
  const end = Math.min(store.count, page.offset + page.limit);
  const bodies = [JSON.stringify(licenseBody(state, 0)), JSON.stringify(licenseBody(state, 1))];
  for (let p = page.offset; p < end; p++) {
    const r = store.get(store.indexAt(p));
    if (!r) continue;
    items.push(`{"license":${bodies[licenseKind(r)]},"user":{"id":"${r.id}","type":"user_reference"},"allocated_at":"${isoSeconds(r.createdAt)}"}`);
  }
  return rawJson(200, pageJson('license_allocations', items, page, end < store.count, store.count));
}

export const licenseRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{id}/license', scope: 'licenses.read', handler: userLicense },
  { method: 'GET', pattern: '/licenses', scope: 'licenses.read', handler: listLicenses },
  { method: 'GET', pattern: '/license_allocations', scope: 'licenses.read', handler: listAllocations },
];
