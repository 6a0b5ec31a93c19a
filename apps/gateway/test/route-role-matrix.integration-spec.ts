import { RpcClient } from '@seatkeeper/platform-messaging';
import { startServiceProcess, type ServiceProcess } from '@seatkeeper/testing';
import { randomBytes } from 'node:crypto';
import { listRoutes, type RouteInfo } from '../src/auth/route-catalog';
import { ROLES, rolesAdmitted } from '../src/auth/role';
import { problemOf, startGateway, type GatewayUnderTest } from './support/gateway-harness';
import { concretePath } from './support/route-paths';

/**
 * Every route Nest registered × (no token, each role): 401 without a token, 403 for a role below
 * the route's @Roles, neither for the roles it admits. Routes are read from the running app, so a
 * route added by a later issue is covered the moment its module is registered.
 */
describe('route × role matrix', () => {
  let gw: GatewayUnderTest;
  let routes: RouteInfo[];

  let services: ServiceProcess[] = [];

  beforeAll(async () => {
    gw = await startGateway();
    routes = listRoutes(gw.service.running.app);
    // The services that own the parents of the id routes, so an unknown id reaches whoever can say it does not exist.
    const rpc = gw.service.running.app.get(RpcClient);
    const prefix = gw.service.prefix;
    services = await Promise.all([
      startServiceProcess('credential-vault', { prefix, rpc, env: { VAULT_MASTER_KEYS: `v1:${randomBytes(32).toString('base64')}` } }),
      startServiceProcess('integration-sync', { prefix, rpc, env: { SYNC_SCHEDULER_ENABLED: 'false' } }),
      startServiceProcess('mapping', { prefix, rpc }),
      startServiceProcess('workflow', { prefix, rpc }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await gw?.stop();
  });

  it('finds the routes, including the token and audit-log routes', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['POST /api/v1/tokens', 'DELETE /api/v1/tokens/:id', 'GET /api/v1/audit-log', 'GET /api/v1/system/status']));
  });

  it('every route declares @Roles or @Public', () => {
    const undeclared = routes.filter((r) => !r.isPublic && !r.roles?.length).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('every route answers 401 / 403 / allowed as its declaration says, for every role', async () => {
    const mismatches: string[] = [];
    // One route at a time, its seven calls at once: the route list grows with every feature and the
    // calls of one route are independent (a 2-core CI box ran them one by one past the timeout).
    for (const route of routes) {
      const path = concretePath(route.path);
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      const [anonymous, garbage, ...answers] = await Promise.all([
        gw.call(route.method, path, { body }),
        gw.call(route.method, path, { body, token: 'skp_not-a-real-token' }),
        ...ROLES.map((role) => gw.call(route.method, path, { body, token: gw.tokens[role].secret })),
      ]);
      if (!anonymous || !garbage) throw new Error('missing answer');
      if (route.isPublic) {
        if ([401, 403].includes(anonymous.status)) mismatches.push(`${route.method} ${route.path} public but ${anonymous.status} without token`);
      } else if (anonymous.status !== 401 || problemOf(anonymous).code !== 'UNAUTHENTICATED') {
        mismatches.push(`${route.method} ${route.path} without token: ${anonymous.status}, want 401`);
      }
      if (!route.isPublic && garbage.status !== 401) mismatches.push(`${route.method} ${route.path} bad token: ${garbage.status}, want 401`);

      const admitted = route.isPublic ? [...ROLES] : rolesAdmitted(route.roles ?? []);
      ROLES.forEach((role, i) => {
        const answer = answers[i];
        if (!answer) return;
        const allowed = admitted.includes(role);
        if (allowed && [401, 403].includes(answer.status)) {
          mismatches.push(`${route.method} ${route.path} as ${role}: ${answer.status}, want allowed`);
        }
        if (!allowed && (answer.status !== 403 || problemOf(answer).code !== 'FORBIDDEN')) {
          mismatches.push(`${route.method} ${route.path} as ${role}: ${answer.status}, want 403`);
        }
        if (answer.status >= 500 && answer.status !== 503) mismatches.push(`${route.method} ${route.path} as ${role}: ${answer.status}`);
      });
    }
    expect(mismatches).toEqual([]);
  }, 180_000);

  it('an unknown id is never a success: 404 problem+json from whoever owns it (or 503 when that service is not running here)', async () => {
    const successes: string[] = [];
    for (const route of routes.filter((r) => r.path.includes(':'))) {
      const admitted = route.isPublic ? 'admin' : (rolesAdmitted(route.roles ?? [])[0] ?? 'admin');
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      const answer = await gw.call(route.method, concretePath(route.path), { body, token: gw.tokens[admitted].secret });
      if (answer.status < 300) successes.push(`${route.method} ${route.path}: ${answer.status} ${answer.text.slice(0, 120)}`);
      else if (answer.status === 404 && problemOf(answer).code !== 'NOT_FOUND') successes.push(`${route.method} ${route.path}: 404 without NOT_FOUND`);
    }
    expect(successes).toEqual([]);
  });
});
