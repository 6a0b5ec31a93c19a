import { Errors } from '../errors';
import { isRecord, reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';

function reset({ state, body }: RequestContext): Reply {
  const b = isRecord(body) ? body : {};
  const seed = b['seed'] ?? state.spec.seed;
  const users = b['users'] ?? state.spec.users;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw Errors.invalidInput('seed must be an integer');
  if (typeof users !== 'number' || !Number.isInteger(users) || users < 1) throw Errors.invalidInput('users must be a positive integer');
  state.reseed(seed, users);
  // A reset is a clean slate for the next test: counters, windows, faults and log go too.
  state.limiter.reset();
  state.faults.clear();
  state.log.reset();
  return reply(200, summary(state));
}

function summary(state: RequestContext['state']): Record<string, unknown> {
  return {
    seed: state.spec.seed,
    seeded_users: state.spec.users,
    users: state.store.count,
    reference_time: new Date(state.spec.referenceTime).toISOString(),
    rate_limit: { limit: state.limiter.limit, window_ms: state.limiter.windowMs },
    faults: state.faults.list().length,
  };
}

function getState({ state }: RequestContext): Reply {
  return reply(200, summary(state));
}

function putConfig({ state, body }: RequestContext): Reply {
  if (!isRecord(body)) throw Errors.invalidInput('body must be a JSON object');
  const { rate_limit: limit, rate_window_ms: windowMs, oauth_token_ttl_seconds: ttl } = body;
  if (limit !== undefined) {
    if (typeof limit !== 'number' || limit < 0) throw Errors.invalidInput('rate_limit must be a number >= 0 (0 = off)');
    state.limiter.limit = limit;
  }
  if (windowMs !== undefined) {
    if (typeof windowMs !== 'number' || windowMs < 1) throw Errors.invalidInput('rate_window_ms must be a positive number');
    state.limiter.windowMs = windowMs;
  }
  if (ttl !== undefined) {
    if (typeof ttl !== 'number' || ttl < 1) throw Errors.invalidInput('oauth_token_ttl_seconds must be a positive number');
    state.credentials.tokenTtlSeconds = ttl;
  }
  state.limiter.reset();
  return reply(200, summary(state));
}

function listKeys({ state }: RequestContext): Reply {
  return reply(200, { keys: state.credentials.listKeys() });
}

function addKey({ state, body }: RequestContext): Reply {
  if (!isRecord(body) || typeof body['key'] !== 'string' || !body['key']) throw Errors.invalidInput('key is required');
  const access = body['access'] ?? 'full';
  if (access !== 'full' && access !== 'read-only') throw Errors.invalidInput('access must be full or read-only');
  state.credentials.setKey(body['key'], access);
  return reply(201, { key: body['key'], access });
}

function removeKey({ state, params }: RequestContext): Reply {
  if (!state.credentials.removeKey(params['key'] as string)) throw Errors.notFound();
  return reply(204);
}

function addClient({ state, body }: RequestContext): Reply {
  if (!isRecord(body) || typeof body['client_id'] !== 'string' || typeof body['client_secret'] !== 'string') {
    throw Errors.invalidInput('client_id and client_secret are required');
  }
  const scopes = body['allowed_scopes'];
  const allowedScopes = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : undefined;
  state.credentials.addClient({ clientId: body['client_id'], clientSecret: body['client_secret'], allowedScopes });
  return reply(201, { client_id: body['client_id'] });
}

function expireTokens({ state }: RequestContext): Reply {
  return reply(200, { expired: state.credentials.expireTokens() });
}

function getRequests({ state }: RequestContext): Reply {
  return reply(200, state.log.snapshot());
}

function resetRequests({ state }: RequestContext): Reply {
  state.log.reset();
  return reply(204);
}

export const controlAdminRoutes: Route[] = [
  { method: 'POST', pattern: '/_sim/reset', handler: reset },
  { method: 'GET', pattern: '/_sim/state', handler: getState },
  { method: 'PUT', pattern: '/_sim/config', handler: putConfig },
  { method: 'GET', pattern: '/_sim/keys', handler: listKeys },
  { method: 'POST', pattern: '/_sim/keys', handler: addKey },
  { method: 'DELETE', pattern: '/_sim/keys/{key}', handler: removeKey },
  { method: 'POST', pattern: '/_sim/oauth/clients', handler: addClient },
  { method: 'POST', pattern: '/_sim/oauth/expire', handler: expireTokens },
  { method: 'GET', pattern: '/_sim/requests', handler: getRequests },
  { method: 'DELETE', pattern: '/_sim/requests', handler: resetRequests },
];
