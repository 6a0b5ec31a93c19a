import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { testInfra } from '@seatkeeper/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { generateApiToken } from '../src/auth/api-token.format';
import { createFirstAdminToken } from '../src/auth/bootstrap-token';
import { ormConfig } from '../src/mikro-orm.config';
import { problemOf, startGateway, type GatewayUnderTest } from './support/gateway-harness';

describe('first admin token and rate limits', () => {
  const bootstrapSecret = generateApiToken();
  let gw: GatewayUnderTest;
  beforeAll(async () => {
    gw = await startGateway({ GATEWAY_BOOTSTRAP_ADMIN_TOKEN: bootstrapSecret, GATEWAY_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('accepts GATEWAY_BOOTSTRAP_ADMIN_TOKEN as an admin token, stored as a hash', async () => {
    const me = await gw.call('GET', '/api/v1/tokens/current', { token: bootstrapSecret });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'bootstrap-admin', role: 'admin' });
  });

  it('limits requests per token: the 6th in a minute is a 429 with Retry-After, other tokens unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await gw.call('GET', '/api/v1/tokens/current', { token: gw.tokens.viewer.secret })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await gw.call('GET', '/api/v1/tokens/current', { token: gw.tokens.viewer.secret });
    expect(problemOf(limited).code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await gw.call('GET', '/api/v1/tokens/current', { token: gw.tokens.operator.secret })).status).toBe(200);
  });

  it('authenticates and counts before reading the body; answers are not cached; 431 is problem+json', async () => {
    // Anonymous: 401 whatever the body (never 413 or 400, the body is not even read).
    const big = await gw.call('POST', '/api/v1/tokens', { raw: `{"name":"${'x'.repeat(2_000_000)}"}` });
    expect([big.status, problemOf(big).code]).toEqual([401, 'UNAUTHENTICATED']);
    const malformedAnonymous = await gw.call('POST', '/api/v1/tokens', { raw: '{"name":' });
    expect([malformedAnonymous.status, problemOf(malformedAnonymous).code]).toEqual([401, 'UNAUTHENTICATED']);

    const fine = await gw.call('GET', '/api/v1/tokens/current', { token: gw.tokens.admin.secret });
    expect(fine.status).toBe(200);
    expect(fine.headers.get('cache-control')).toBe('no-store');
    // Malformed bodies count against the token's limit (5 a minute here) like any request.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await gw.call('POST', '/api/v1/tokens', { token: gw.tokens.admin.secret, raw: '{"name":' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);

    const huge = await fetch(`${gw.baseUrl}/api/v1/tokens/current`, { headers: { 'x-padding': 'p'.repeat(20_000) } });
    expect(huge.status).toBe(431);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    expect(await huge.json()).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', request_id: expect.any(String) });
  });

  it('creates the first admin token only on an empty token table', async () => {
    const config = ormConfig(gw.service.env);
    const orm = await MikroORM.init({ ...config, pool: { ...config.pool, max: 1 } });
    try {
      // The harness already issued tokens into this database.
      expect(await createFirstAdminToken(orm)).toEqual({ created: false });
      await orm.em.fork().execute('delete from api_token');
      const first = await createFirstAdminToken(orm);
      expect(first).toMatchObject({ created: true, role: 'admin', name: 'bootstrap-admin', token: expect.stringMatching(/^skp_/) });
      expect(await createFirstAdminToken(orm)).toEqual({ created: false });
      const me = await gw.call('GET', '/api/v1/tokens/current', { token: first.token });
      expect(me.body).toMatchObject({ role: 'admin' });
    } finally {
      await orm.close(true);
    }
  });

  it('`main.ts bootstrap-token` on an empty token table prints one JSON line with a working admin token', async () => {
    await gw.service.running.app.get(EntityManager).fork().execute('delete from api_token');
    const root = resolve(__dirname, '..', '..', '..');
    // Async, not spawnSync: the gateway under test lives in this process and must keep serving.
    const run = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts', 'bootstrap-token'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: gw.service.env.DATABASE_URL, NATS_URL: testInfra().natsUrl, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0] ?? '') as { created: boolean; token?: string };
    expect(printed).toMatchObject({ created: true, role: 'admin', token: expect.stringMatching(/^skp_/) });
    const me = await gw.call('GET', '/api/v1/tokens/current', { token: printed.token });
    expect(me.body).toMatchObject({ role: 'admin', name: 'bootstrap-admin' });
  });
});
