import { teamCount, teamId, teamName } from '../data/catalog';
import { rawJson, type Reply } from '../http';
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

export const teamRoutes: Route[] = [{ method: 'GET', pattern: '/teams', scope: 'teams.read', handler: listTeams }];
