import { call, control, json, start, READ_ONLY_KEY, type Sim } from './helpers';

async function token(sim: Sim, form: Record<string, string>, asJson = false): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: asJson ? JSON.stringify(form) : new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const CLIENT = { grant_type: 'client_credentials', client_id: 'pd-sim-client', client_secret: 'pd-sim-secret' };

describe('authentication and authorisation', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await start({ users: 30 });
  });
  afterAll(() => sim.close());

  it.each([
    ['no Authorization header', { key: null }],
    ['an unknown key', { key: 'not-a-key' }],
    ['a key without the exact `Token token=` form', { headers: { Authorization: 'Token pd-sim-full-access-key' }, key: null }],
    ['an unknown bearer token', { bearer: 'pdus+_nope' }],
  ])('401 with code 2006 for %s', async (_name, opts) => {
    const r = await call(sim.url, '/users', opts);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: { message: 'Authentication failed', code: 2006 } });
  });

  it('a read-only key reads but gets 403 on writes', async () => {
    expect((await call(sim.url, '/users', { key: READ_ONLY_KEY })).status).toBe(200);
    const id = json<{ users: Array<{ id: string }> }>(await call(sim.url, '/users?offset=5&limit=1')).users[0]?.id;
    const r = await call(sim.url, `/users/${id}`, { method: 'DELETE', key: READ_ONLY_KEY });
    expect(r.status).toBe(403);
    expect(json<{ error: { code: number; message: string } }>(r).error).toMatchObject({ code: 2010, message: 'Access Denied' });
    expect((await call(sim.url, `/users/${id}`)).status).toBe(200);
  });

  it('keys can be added and revoked through the control API', async () => {
    expect((await call(sim.url, '/users', { key: 'team-key' })).status).toBe(401);
    expect((await control(sim.url, 'POST', '/_sim/keys', { key: 'team-key', access: 'read-only' })).status).toBe(201);
    expect((await call(sim.url, '/users', { key: 'team-key' })).status).toBe(200);
    expect((await call(sim.url, '/users', { key: 'team-key', method: 'POST', headers: { From: 'a@b.co' }, body: { user: {} } })).status).toBe(403);
    expect((await control(sim.url, 'DELETE', '/_sim/keys/team-key')).status).toBe(204);
    expect((await call(sim.url, '/users', { key: 'team-key' })).status).toBe(401);
  });

  it('issues OAuth tokens (form-encoded or JSON) that carry their scopes', async () => {
    const form = await token(sim, { ...CLIENT, scope: 'users.read users.write' });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ token_type: 'bearer', expires_in: 86400, scope: 'users.read users.write' });
    const access = form.body['access_token'] as string;
    expect((await call(sim.url, '/users', { bearer: access })).status).toBe(200);
    const viaJson = await token(sim, { ...CLIENT, scope: 'users.read' }, true);
    expect(viaJson.status).toBe(200);
    const readOnly = viaJson.body['access_token'] as string;
    expect((await call(sim.url, '/users', { bearer: readOnly })).status).toBe(200);
    const id = json<{ users: Array<{ id: string }> }>(await call(sim.url, '/users?offset=3&limit=1')).users[0]?.id;
    const denied = await call(sim.url, `/users/${id}`, { method: 'PUT', bearer: readOnly, body: { user: { job_title: 'x' } } });
    expect(denied.status).toBe(403);
    expect(json<{ error: { errors: string[] } }>(denied).error.errors).toEqual(['Missing required scope: users.write']);
    expect((await call(sim.url, '/licenses', { bearer: access })).status).toBe(403);
  });

  it('rejects bad client credentials and unsupported grants the OAuth way', async () => {
    expect((await token(sim, { ...CLIENT, client_secret: 'wrong' })).body).toMatchObject({ error: 'invalid_client' });
    expect((await token(sim, { ...CLIENT, grant_type: 'password' })).status).toBe(400);
  });

  it('expired tokens get 401, and the token lifetime is configurable', async () => {
    await control(sim.url, 'PUT', '/_sim/config', { oauth_token_ttl_seconds: 120 });
    const t = await token(sim, { ...CLIENT, scope: 'users.read' });
    expect(t.body['expires_in']).toBe(120);
    const access = t.body['access_token'] as string;
    expect((await call(sim.url, '/users', { bearer: access })).status).toBe(200);
    await control(sim.url, 'POST', '/_sim/oauth/expire');
    const r = await call(sim.url, '/users', { bearer: access });
    expect(r.status).toBe(401);
    expect(json<{ error: { code: number } }>(r).error.code).toBe(2006);
  });

  it('honours the Accept version header: 2 is served, other versions are refused', async () => {
    expect((await call(sim.url, '/users', { headers: { Accept: 'application/vnd.pagerduty+json;version=2' } })).status).toBe(200);
    expect((await call(sim.url, '/users', { headers: { Accept: 'application/json' } })).status).toBe(200);
    expect((await call(sim.url, '/users', { headers: { Accept: 'application/vnd.pagerduty+json;version=1' } })).status).toBe(400);
  });
});
