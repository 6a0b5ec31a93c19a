import { escalationPolicyCount, policyId, policyName, scheduleCount, scheduleId, scheduleName } from '../data/catalog';
import { IdKind, encodeId } from '../data/ids';
import { TIME_ZONES } from '../data/names';
import { rawJson, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { str } from '../serialize/format';
import type { SimState } from '../state';
import { arrayParam, offsetPage, pageJson, window } from './paging';

function userRef(state: SimState, i: number): string {
  const id = encodeId(state.spec.seed, IdKind.user, i);
  return `{"id":"${id}","type":"user_reference","self":"${state.links.apiBase}/users/${id}","html_url":"${state.links.webBase}/users/${id}"}`;
}

function scheduleJson(state: SimState, s: number, members: number[]): string {
  const id = scheduleId(state.spec, s);
  const name = str(scheduleName(s));
  return (
    `{"id":"${id}","type":"schedule","summary":${name},"self":"${state.links.apiBase}/schedules/${id}","html_url":"${state.links.webBase}/schedules/${id}",` +
    `"name":${name},"time_zone":"${TIME_ZONES[s % TIME_ZONES.length]}","description":"Weekly rotation",` +
    `"users":[${members.map((i) => userRef(state, i)).join(',')}],"escalation_policies":[],"teams":[]}`
  );
}

/**
 * `GET /schedules`. The spec filters by `query` only; `user_ids[]` is a simulator extension (see
 * README) so a delete preflight can ask "which schedules is this user on" in one call.
 */
function listSchedules({ state, query }: RequestContext): Reply {
  const page = offsetPage(query);
  const q = query.get('query')?.toLowerCase() ?? '';
  const members = state.duties.get().scheduleMembers;
  const users = new Set(arrayParam(query, 'user_ids').map((id) => state.store.indexOfId(id)));
  const all: number[] = [];
  for (let s = 0; s < scheduleCount(state.spec.users); s++) {
    if (q && !scheduleName(s).toLowerCase().includes(q)) continue;
    if (users.size && !(members.get(s) ?? []).some((i) => users.has(i))) continue;
    all.push(s);
  }
  const { rows, count } = window(all, page);
  const items = rows.map((s) => scheduleJson(state, s, members.get(s) ?? []));
  return rawJson(200, pageJson('schedules', items, page, page.offset + rows.length < count, count));
}

function policyJson(state: SimState, e: number, members: number[]): string {
  const id = policyId(state.spec, e);
  const name = str(policyName(e));
  // The spec caps a rule at 10 targets, so large policies get several rules.
  const rules: string[] = [];
  for (let r = 0; r * 10 < members.length; r++) {
    const targets = members.slice(r * 10, r * 10 + 10).map((i) => userRef(state, i));
    rules.push(`{"id":"${encodeId(state.spec.seed, IdKind.escalationPolicy, 100_000 + e * 64 + r)}","escalation_delay_in_minutes":30,"targets":[${targets.join(',')}]}`);
  }
  if (!rules.length) {
    const s = e % scheduleCount(state.spec.users);
    const sid = scheduleId(state.spec, s);
    rules.push(`{"escalation_delay_in_minutes":30,"targets":[{"id":"${sid}","type":"schedule_reference","self":"${state.links.apiBase}/schedules/${sid}","html_url":"${state.links.webBase}/schedules/${sid}"}]}`);
  }
  return (
    `{"id":"${id}","type":"escalation_policy","summary":${name},"self":"${state.links.apiBase}/escalation_policies/${id}","html_url":"${state.links.webBase}/escalation_policies/${id}",` +
    `"name":${name},"description":"","num_loops":0,"on_call_handoff_notifications":"if_has_services","escalation_rules":[${rules.join(',')}],"services":[],"teams":[]}`
  );
}

function listPolicies({ state, query }: RequestContext): Reply {
  const page = offsetPage(query);
  const q = query.get('query')?.toLowerCase() ?? '';
  const members = state.duties.get().policyMembers;
  const users = new Set(arrayParam(query, 'user_ids').map((id) => state.store.indexOfId(id)));
  const all: number[] = [];
  for (let e = 0; e < escalationPolicyCount(state.spec.users); e++) {
    if (q && !policyName(e).toLowerCase().includes(q)) continue;
    if (users.size && !(members.get(e) ?? []).some((i) => users.has(i))) continue;
    all.push(e);
  }
  const { rows, count } = window(all, page);
  const items = rows.map((e) => policyJson(state, e, members.get(e) ?? []));
  return rawJson(200, pageJson('escalation_policies', items, page, page.offset + rows.length < count, count));
}

export const dutyRoutes: Route[] = [
  { method: 'GET', pattern: '/schedules', scope: 'schedules.read', handler: listSchedules },
  { method: 'GET', pattern: '/escalation_policies', scope: 'escalation_policies.read', handler: listPolicies },
];
