import { Errors } from '../errors';
import { reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';

function add({ state, body }: RequestContext): Reply {
  // Accept one spec or an array of them, so a test can arm a whole scenario in one call.
  const specs = Array.isArray(body) ? body : [body];
  return reply(201, { faults: specs.map((s) => state.faults.add(s)) });
}

function list({ state }: RequestContext): Reply {
  return reply(200, { faults: state.faults.list() });
}

function clear({ state }: RequestContext): Reply {
  state.faults.clear();
  return reply(204);
}

function remove({ state, params }: RequestContext): Reply {
  if (!state.faults.remove(Number(params['id']))) throw Errors.notFound();
  return reply(204);
}

export const controlFaultRoutes: Route[] = [
  { method: 'POST', pattern: '/_sim/faults', handler: add },
  { method: 'GET', pattern: '/_sim/faults', handler: list },
  { method: 'DELETE', pattern: '/_sim/faults', handler: clear },
  { method: 'DELETE', pattern: '/_sim/faults/{id}', handler: remove },
];
