import { request } from 'node:http';
import { call, control, json, start, ACCEPT, FULL_KEY, type Sim, type UserPage } from './helpers';

/** Raw GET that reports how the exchange ended, for faults fetch would hide. */
function rawGet(url: string): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { Authorization: `Token token=${FULL_KEY}`, Accept: ACCEPT }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', (e) => resolve({ status: res.statusCode, body, error: e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode, body, error: 'aborted' }));
    });
    req.on('error', (e) => resolve({ body: '', error: e.message }));
    req.end();
  });
}

interface RequestsSnapshot {
  total: number;
  by_endpoint: Record<string, number>;
}

describe('control API', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await start({ users: 150, seed: 31 });
  });
  afterAll(() => sim.close());
  beforeEach(() => control(sim.url, 'POST', '/_sim/reset', {}));

  it('counts requests per endpoint, and resets the counts', async () => {
    await call(sim.url, '/users');
    await call(sim.url, '/users?offset=25');
    await call(sim.url, '/users/PAAAAAA');
    await call(sim.url, '/users', { key: 'bad' });
    const snap = json<RequestsSnapshot>(await control(sim.url, 'GET', '/_sim/requests'));
    expect(snap.total).toBe(4);
    expect(snap.by_endpoint).toEqual({ 'GET /users': 3, 'GET /users/{id}': 1 });
    expect((await control(sim.url, 'DELETE', '/_sim/requests')).status).toBe(204);
    expect(json<RequestsSnapshot>(await control(sim.url, 'GET', '/_sim/requests')).total).toBe(0);
  });

  it('reseeds deterministically: the same seed gives the same account, another seed a different one', async () => {
    const a = json<UserPage>(await call(sim.url, '/users?limit=100'));
    await control(sim.url, 'POST', '/_sim/reset', { seed: 99, users: 150 });
    const b = json<UserPage>(await call(sim.url, '/users?limit=100'));
    await control(sim.url, 'POST', '/_sim/reset', { seed: 31, users: 150 });
    const c = json<UserPage>(await call(sim.url, '/users?limit=100'));
    expect(c).toEqual(a);
    expect(b.users.map((u) => u.id)).not.toEqual(a.users.map((u) => u.id));
    const other = await start({ users: 150, seed: 31 });
    try {
      expect(json<UserPage>(await call(other.url, '/users?limit=100'))).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it('reset with a new user count resizes the account', async () => {
    const r = await control(sim.url, 'POST', '/_sim/reset', { users: 7 });
    expect(json<{ users: number }>(r).users).toBe(7);
    expect(json<UserPage>(await call(sim.url, '/users?total=true')).total).toBe(7);
  });

  it('changes a user through PATCH /_sim/users/{id}, visible in the API', async () => {
    const id = json<UserPage>(await call(sim.url, '/users?limit=1&offset=4')).users[0]?.id as string;
    const r = await control(sim.url, 'PATCH', `/_sim/users/${id}`, { name: 'Renamed Person', role: 'admin', last_sign_in_at: null });
    expect(r.status).toBe(200);
    expect(json<{ user: { last_sign_in_at: null } }>(r).user.last_sign_in_at).toBeNull();
    expect(json<{ user: { name: string; role: string } }>(await call(sim.url, `/users/${id}`)).user).toMatchObject({ name: 'Renamed Person', role: 'admin' });
    expect((await control(sim.url, 'PATCH', `/_sim/users/${id}`, { role: 'wizard' })).status).toBe(400);
  });

  it('does not serve a cached page after a change', async () => {
    const before = json<UserPage>(await call(sim.url, '/users?limit=10'));
    const id = before.users[3]?.id as string;
    await control(sim.url, 'PATCH', `/_sim/users/${id}`, { name: 'Freshly Renamed' });
    const after = json<UserPage>(await call(sim.url, '/users?limit=10'));
    expect(after.users[3]).toMatchObject({ id, name: 'Freshly Renamed', summary: 'Freshly Renamed' });
  });

  describe('fault injection', () => {
    it('returns a share of 5xx for a number of occurrences, scoped to an endpoint', async () => {
      const armed = await control(sim.url, 'POST', '/_sim/faults', { type: 'error', status: 503, endpoint: 'GET /users', count: 2 });
      expect(armed.status).toBe(201);
      expect((await call(sim.url, '/teams')).status).toBe(200);
      const first = await call(sim.url, '/users');
      expect(first.status).toBe(503);
      expect(json<{ error: { code: number } }>(first).error.code).toBe(2000);
      expect((await call(sim.url, '/users')).status).toBe(503);
      expect((await call(sim.url, '/users')).status).toBe(200);
      expect(json<{ faults: unknown[] }>(await control(sim.url, 'GET', '/_sim/faults')).faults).toEqual([]);
    });

    it('hits roughly the requested share, the same way on every run', async () => {
      const run = async (): Promise<number[]> => {
        await control(sim.url, 'POST', '/_sim/reset', {});
        await control(sim.url, 'POST', '/_sim/faults', { type: 'error', share: 0.3 });
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) statuses.push((await call(sim.url, '/teams')).status);
        return statuses;
      };
      const a = await run();
      const failures = a.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(3);
      expect(failures).toBeLessThan(25);
      expect(await run()).toEqual(a);
    });

    it('sends 429 bursts, with or without the rate-limit headers', async () => {
      await control(sim.url, 'POST', '/_sim/faults', [
        { type: 'rate_limit', count: 1, reset_seconds: 7 },
      ]);
      const withHeaders = await call(sim.url, '/users');
      expect(withHeaders.status).toBe(429);
      expect(withHeaders.body).toEqual({ error: { message: 'Rate Limit Exceeded', code: 2020 } });
      expect(withHeaders.headers.get('ratelimit-reset')).toBe('7');
      await control(sim.url, 'POST', '/_sim/faults', { type: 'rate_limit', count: 1, headers: false });
      const bare = await call(sim.url, '/users');
      expect(bare.status).toBe(429);
      expect(bare.headers.get('ratelimit-reset')).toBeNull();
      expect((await call(sim.url, '/users')).status).toBe(200);
    });

    it('adds latency', async () => {
      await control(sim.url, 'POST', '/_sim/faults', { type: 'latency', latency_ms: 150, count: 1 });
      const t0 = performance.now();
      expect((await call(sim.url, '/users')).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    });

    it('serves a malformed page: complete response, broken JSON', async () => {
      await control(sim.url, 'POST', '/_sim/faults', { type: 'malformed', endpoint: '/users', count: 1 });
      const r = await rawGet(`${sim.url}/users`);
      expect(r.status).toBe(200);
      expect(r.error).toBeUndefined();
      expect(() => JSON.parse(r.body) as unknown).toThrow();
    });

    it('truncates a page: the connection closes mid-body', async () => {
      await control(sim.url, 'POST', '/_sim/faults', { type: 'truncate', endpoint: 'GET /users', count: 1 });
      const r = await rawGet(`${sim.url}/users?limit=100`);
      expect(r.error).toBeDefined();
      await expect(call(sim.url, '/users')).resolves.toMatchObject({ status: 200 });
    });

    it('drops connections without a response', async () => {
      await control(sim.url, 'POST', '/_sim/faults', { type: 'drop', count: 1 });
      const r = await rawGet(`${sim.url}/users`);
      expect(r.status).toBeUndefined();
      expect(r.error).toBeDefined();
      expect((await call(sim.url, '/users')).status).toBe(200);
    });

    it('validates fault specs', async () => {
      expect((await control(sim.url, 'POST', '/_sim/faults', { type: 'meteor' })).status).toBe(400);
      expect((await control(sim.url, 'POST', '/_sim/faults', { type: 'error', share: 2 })).status).toBe(400);
    });
  });
});

describe('control API: GET /_sim/users (the whole account, past the 10,000 cap)', () => {
  const USERS = 10_250;
  interface SimUser {
    id: string;
    email: string;
    role: string;
    last_sign_in_at: string | null;
  }
  interface SimUserPage {
    users: SimUser[];
    offset: number;
    limit: number;
    total: number;
    more: boolean;
  }
  let sim: Sim;
  beforeAll(async () => {
    sim = await start({ users: USERS, seed: 5, rateLimit: 0 });
  });
  afterAll(() => sim.close());

  async function everyone(limit: number): Promise<SimUser[]> {
    const out: SimUser[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = json<SimUserPage>(await control(sim.url, 'GET', `/_sim/users?offset=${offset}&limit=${limit}`));
      expect(page).toMatchObject({ offset, limit, total: expect.any(Number) });
      out.push(...page.users);
      if (!page.more) return out;
    }
  }

  it('lists every user in /users order, with sign-in dates, after deletions and additions', async () => {
    const first = json<{ users: SimUser[] }>(await control(sim.url, 'GET', '/_sim/users?limit=3')).users;
    await control(sim.url, 'DELETE', `/_sim/users/${first[1]?.id}`);
    const added = json<{ user: SimUser }>(await control(sim.url, 'POST', '/_sim/users', { name: 'Late Joiner', email: 'late.joiner@acme.example.com' })).user;

    const all = await everyone(1000);
    expect(all).toHaveLength(USERS); // one deleted, one added
    expect(new Set(all.map((u) => u.id)).size).toBe(USERS);
    expect(all.map((u) => u.id)).not.toContain(first[1]?.id);
    expect(all.at(-1)?.id).toBe(added.id);
    // The same order as PagerDuty's own listing, as far as that can page (offset + limit ≤ 10,000).
    const listed: string[] = [];
    for (let offset = 0; offset < 10_000; offset += 100) listed.push(...json<UserPage>(await call(sim.url, `/users?limit=100&offset=${offset}`)).users.map((u) => u.id));
    expect(all.slice(0, 10_000).map((u) => u.id)).toEqual(listed);
    expect((await call(sim.url, '/users?limit=100&offset=10000')).status).toBe(400);
    // Sign-in dates as the per-user view has them, stale and never-signed-in ones included.
    for (const u of [all[0], all[5_000], all[10_100]] as SimUser[]) {
      expect(u.last_sign_in_at).toBe(json<{ user: SimUser }>(await control(sim.url, 'GET', `/_sim/users/${u.id}`)).user.last_sign_in_at);
    }
    expect(all.some((u) => u.last_sign_in_at === null)).toBe(true);
    expect(all.some((u) => u.last_sign_in_at !== null && Date.parse(u.last_sign_in_at) < Date.parse('2025-06-01T00:00:00Z'))).toBe(true);
    // Other page sizes give the same list; past the end is an empty last page.
    expect((await everyone(333)).map((u) => u.id)).toEqual(all.map((u) => u.id));
    expect(json<SimUserPage>(await control(sim.url, 'GET', `/_sim/users?offset=${USERS + 5}`))).toEqual({ users: [], offset: USERS + 5, limit: 100, total: USERS, more: false });
  });

  it.each(['limit=0', 'limit=1001', 'limit=ten', 'offset=-1', 'offset=1.5', 'offset=1e3'])('answers 400 for %s', async (q) => {
    const r = await control(sim.url, 'GET', `/_sim/users?${q}`);
    expect(r.status).toBe(400);
    expect(json<{ error: { code: number; errors: string[] } }>(r).error).toMatchObject({ code: 2001, errors: [expect.stringMatching(/^(offset|limit) must be an integer/)] });
  });
});
