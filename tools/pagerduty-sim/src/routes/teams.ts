import { teamCount, teamId, teamIndexOfId, teamName } from '../data/catalog';
import { Errors } from '../errors';
import { isRecord, rawJson, reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { str } from '../serialize/format';
import { offsetPage, pageJson, window } from './paging';

function listTeams({ state, query }: RequestContext): Reply {
  const page = offsetPage(query);
  const q = query.get('query')?.toLowerCase() ?? '';
  const all = Array.from({ length: teamCount(state.spec.users) }, (_, t) => t).filter((t) => !q || teamName(t).toLowerCase().includes(q));
  const { rows, count } = window(all, page);
  const items = rows.map((t) => {
    const id = teamId(state.spec, t);
    const name = str(teamName(t));
    return `{"id":"${id}","type":"team","summary":${name},"self":"${state.links.apiBase}/teams/${id}","html_url":"${state.links.webBase}/teams/${id}","name":${name},"description":${str(`${teamName(t)} team`)},"default_role":"manager"}`;
  });
  return rawJson(200, pageJson('teams', items, page, page.offset + rows.length < count, count));
}

const TEAM_ROLES = ['observer', 'responder', 'manager'];

/** `PUT /teams/{id}/users/{user_id}` (body `{role?}`): adds the user to the team; 204, also when already a member. The team role is accepted but not stored. */
function addTeamMember({ state, params, body }: RequestContext): Reply {
  const t = teamIndexOfId(state.spec, params['id'] as string);
  const r = state.store.get(state.store.indexOfId(params['user_id'] as string));
  if (t < 0 || !r) throw Errors.notFound();
  const role = isRecord(body) ? body['role'] : undefined;
  if (role !== undefined && (typeof role !== 'string' || !TEAM_ROLES.includes(role))) throw Errors.invalidInput(`Role must be one of ${TEAM_ROLES.join(', ')}`);
  if (!r.teams.includes(t)) state.store.update(r.index, { teams: [...r.teams, t] });
  return reply(204);
}

export const teamRoutes: Route[] = [
  { method: 'GET', pattern: '/teams', scope: 'teams.read', handler: listTeams },
  { method: 'PUT', pattern: '/teams/{id}/users/{user_id}', scope: 'teams.write', write: true, handler: addTeamMember },
];
