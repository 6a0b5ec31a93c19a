import { IdKind, encodeId } from '../data/ids';
import { policyId, policyName } from '../data/catalog';
import { hash32 } from '../data/prng';
import { escalationPolicyCount } from '../data/seed';
import { Errors } from '../errors';
import { rawJson, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { isoSeconds, str } from '../serialize/format';
import type { SimState } from '../state';
import { arrayParam, offsetPage, pageJson, window } from './paging';

/**
 * Only open incidents are modelled (each user's `openIncidents` count): enough for a delete
 * preflight. Resolving one through the control API makes it disappear, as a resolved incident
 * stops being "assigned" in PagerDuty.
 */
interface OpenIncident {
  user: number;
  k: number;
}

const STATUSES = new Set(['triggered', 'acknowledged', 'resolved']);

function statusOf(state: SimState, inc: OpenIncident): 'triggered' | 'acknowledged' {
  return hash32(state.spec.seed, inc.user * 8 + inc.k, 901) % 2 === 0 ? 'triggered' : 'acknowledged';
}

function incidentJson(state: SimState, inc: OpenIncident): string {
  const { spec, links } = state;
  const serial = inc.user * 8 + Math.min(inc.k, 7);
  const id = encodeId(spec.seed, IdKind.incident, serial);
  const number = 1000 + serial;
  const userId = encodeId(spec.seed, IdKind.user, inc.user);
  const ep = hash32(spec.seed, serial, 902) % escalationPolicyCount(spec.users);
  const serviceId = encodeId(spec.seed, IdKind.service, ep);
  const created = isoSeconds(spec.referenceTime - (1 + (hash32(spec.seed, serial, 903) % 72)) * 3_600_000);
  const title = `Service degraded: ${['high latency', 'error rate above threshold', 'disk almost full', 'health check failing'][serial % 4]}`;
  const status = statusOf(state, inc);
  const epName = str(policyName(ep));
  return (
    `{"id":"${id}","type":"incident","summary":${str(`[#${number}] ${title}`)},"self":"${links.apiBase}/incidents/${id}",` +
    `"html_url":"${links.webBase}/incidents/${id}","incident_number":${number},"title":${str(title)},"created_at":"${created}",` +
    `"updated_at":"${created}","status":"${status}","incident_key":"sim-${id.toLowerCase()}",` +
    `"service":{"id":"${serviceId}","type":"service_reference","summary":"Service ${ep + 1}","self":"${links.apiBase}/services/${serviceId}","html_url":"${links.webBase}/service-directory/${serviceId}"},` +
    `"assignments":[{"at":"${created}","assignee":{"id":"${userId}","type":"user_reference","self":"${links.apiBase}/users/${userId}","html_url":"${links.webBase}/users/${userId}"}}],` +
    `"assigned_via":"escalation_policy","last_status_change_at":"${created}","is_mergeable":true,` +
    `"escalation_policy":{"id":"${policyId(spec, ep)}","type":"escalation_policy_reference","summary":${epName},"self":"${links.apiBase}/escalation_policies/${policyId(spec, ep)}","html_url":"${links.webBase}/escalation_policies/${policyId(spec, ep)}"},` +
    `"teams":[],"pending_actions":[],"acknowledgements":[],"urgency":"high"}`
  );
}

function listIncidents({ state, query }: RequestContext): Reply {
  const page = offsetPage(query);
  const statuses = arrayParam(query, 'statuses');
  for (const s of statuses) if (!STATUSES.has(s)) throw Errors.invalidInput(`statuses[] must be one of ${[...STATUSES].join(', ')}`);
  const userIds = arrayParam(query, 'user_ids');
  const wanted = new Set(userIds.map((id) => state.store.indexOfId(id)));
  const holders = state.duties.get().incidentHolders;
  function* open(): Generator<OpenIncident> {
    for (const [user, n] of holders) {
      if (userIds.length && !wanted.has(user)) continue;
      for (let k = 0; k < n; k++) {
        const inc = { user, k };
        if (!statuses.length || statuses.includes(statusOf(state, inc))) yield inc;
      }
    }
  }
  const { rows, count } = window(open(), page);
  return rawJson(200, pageJson('incidents', rows.map((i) => incidentJson(state, i)), page, page.offset + rows.length < count, count));
}

export const incidentRoutes: Route[] = [{ method: 'GET', pattern: '/incidents', scope: 'incidents.read', handler: listIncidents }];
