import { OFFSET_CAP_MESSAGE } from '../src/errors';
import { call, control, fixtures, json, start, type Sim, type UserJson, type UserPage } from './helpers';

describe('GET /users pagination and filters', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await start({ users: 250, seed: 11 });
  });
  afterAll(() => sim.close());
  beforeEach(() => control(sim.url, 'POST', '/_sim/reset', {}));

  it('defaults to 25 per page, echoes numeric limit/offset, total null, in PagerDuty key order', async () => {
    const r = await call(sim.url, '/users');
    expect(r.status).toBe(200);
    const page = json<UserPage>(r);
    expect(Object.keys(page)).toEqual(['users', 'limit', 'offset', 'total', 'more']);
    expect(page).toMatchObject({ limit: 25, offset: 0, total: null, more: true });
    expect(page.users).toHaveLength(25);
  });

  it('serves 100 per page at most, and total=true counts', async () => {
    const page = json<UserPage>(await call(sim.url, '/users?limit=500&total=true'));
    expect(page.limit).toBe(100);
    expect(page.users).toHaveLength(100);
    expect(page.total).toBe(250);
  });

  it('sets more=false exactly on the last page, and a full sweep sees every user once', async () => {
    const ids: string[] = [];
    let offset = 0;
    let more = true;
    while (more) {
      const page = json<UserPage>(await call(sim.url, `/users?limit=100&offset=${offset}`));
      ids.push(...page.users.map((u) => u.id));
      more = page.more;
      offset = page.offset + page.limit;
    }
    expect(offset).toBe(300);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    const past = json<UserPage>(await call(sim.url, '/users?offset=250'));
    expect(past).toMatchObject({ users: [], more: false });
  });

  it('rejects offset+limit above 10,000 with the documented 400 body', async () => {
    expect((await call(sim.url, '/users?offset=9900&limit=100')).status).toBe(200);
    const r = await call(sim.url, '/users?offset=9901&limit=100');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: { message: 'Arguments Caused Error', code: 2002, errors: [OFFSET_CAP_MESSAGE] } });
  });

  it('query matches name or email, case-insensitively, as a substring', async () => {
    const first = json<UserPage>(await call(sim.url, '/users?limit=1')).users[0] as UserJson;
    const byName = json<UserPage>(await call(sim.url, `/users?query=${encodeURIComponent(first.name.toUpperCase())}&limit=100`));
    expect(byName.users.map((u) => u.id)).toContain(first.id);
    expect(byName.users.every((u) => u.name.toLowerCase().includes(first.name.toLowerCase()) || u.email.includes(first.name.toLowerCase()))).toBe(true);
    const byEmail = json<UserPage>(await call(sim.url, `/users?query=${encodeURIComponent(first.email)}`));
    expect(byEmail.users.map((u) => u.id)).toEqual([first.id]);
    expect(json<UserPage>(await call(sim.url, '/users?query=zzzz-nobody')).users).toEqual([]);
  });

  it('filters by team_ids[] and expands include[]=teams', async () => {
    const teams = json<{ teams: Array<{ id: string }> }>(await call(sim.url, '/teams')).teams;
    const teamId = (teams[0] as { id: string }).id;
    const page = json<UserPage>(await call(sim.url, `/users?team_ids[]=${teamId}&include[]=teams&limit=100&total=true`));
    expect(page.users.length).toBeGreaterThan(0);
    expect(page.total).toBe(page.users.length);
    for (const u of page.users) {
      expect(u.teams.map((t) => t.id)).toContain(teamId);
      expect(u.teams[0]).toMatchObject({ type: 'team' });
    }
    expect((await call(sim.url, '/users?include[]=bogus')).status).toBe(400);
  });

  it('shifts later pages when users are removed mid-sweep (as offset paging does), without duplicates', async () => {
    const page1 = json<UserPage>(await call(sim.url, '/users?limit=100'));
    const before2 = json<UserPage>(await call(sim.url, '/users?limit=100&offset=100'));
    // Remove two users already seen: every later user moves two positions forward.
    for (const u of page1.users.slice(0, 2)) expect((await control(sim.url, 'DELETE', `/_sim/users/${u.id}`)).status).toBe(204);
    const page2 = json<UserPage>(await call(sim.url, '/users?limit=100&offset=100&total=true'));
    expect(page2.total).toBe(248);
    const seen = new Set(page1.users.map((u) => u.id));
    expect(page2.users.some((u) => seen.has(u.id))).toBe(false);
    // The two users that used to open page 2 slid onto page 1, which the client has already read.
    expect(page2.users[0]?.id).toBe(before2.users[2]?.id);
    const page3 = json<UserPage>(await call(sim.url, '/users?limit=100&offset=200'));
    expect(page3.users).toHaveLength(48);
    expect(page3.more).toBe(false);
  });

  it('appends users added mid-sweep at the end', async () => {
    const added = await control(sim.url, 'POST', '/_sim/users', { name: 'Late Joiner', email: 'late@acme.example.com' });
    expect(added.status).toBe(201);
    const last = json<UserPage>(await call(sim.url, '/users?limit=100&offset=200'));
    expect(last.users).toHaveLength(51);
    expect(last.users[50]).toMatchObject({ name: 'Late Joiner', email: 'late@acme.example.com' });
  });
});

describe('single-user endpoints', () => {
  let sim: Sim;
  let fx: Record<string, string>;
  beforeAll(async () => {
    sim = await start({ users: 120, seed: 12 });
    fx = await fixtures(sim.url);
  });
  afterAll(() => sim.close());

  it('GET /users/{id} returns the user with the non-spec billed and coordinated_incidents fields', async () => {
    const r = await call(sim.url, `/users/${fx['stakeholder']}`);
    expect(r.status).toBe(200);
    expect(json<{ user: Record<string, unknown> }>(r).user).toMatchObject({ id: fx['stakeholder'], type: 'user', billed: false, coordinated_incidents: [] });
  });

  it('GET /users/{id} 404s with code 2100 for unknown IDs', async () => {
    const r = await call(sim.url, '/users/PAAAAAA');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
  });

  it('POST /users needs From, creates an invited user (201) and rejects a duplicate email', async () => {
    const body = { user: { type: 'user', name: 'Rita Hayes', email: 'rita.hayes@acme.example.com', role: 'observer' } };
    const noFrom = await call(sim.url, '/users', { method: 'POST', body });
    expect(noFrom.status).toBe(400);
    expect(json<{ error: { code: number } }>(noFrom).error.code).toBe(2001);
    const created = await call(sim.url, '/users', { method: 'POST', body, headers: { From: 'owner@acme.example.com' } });
    expect(created.status).toBe(201);
    const user = json<{ user: UserJson }>(created).user;
    expect(user).toMatchObject({ name: 'Rita Hayes', role: 'observer', invitation_sent: true });
    expect((await call(sim.url, `/users/${user.id}`)).status).toBe(200);
    const dup = await call(sim.url, '/users', { method: 'POST', body, headers: { From: 'owner@acme.example.com' } });
    expect(dup.status).toBe(400);
    expect(json<{ error: { errors: string[] } }>(dup).error.errors).toEqual(['Email has already been taken']);
  });

  it('PUT /users/{id} changes only the given fields and validates the role', async () => {
    const before = json<{ user: UserJson }>(await call(sim.url, `/users/${fx['admin']}`)).user;
    const r = await call(sim.url, `/users/${fx['admin']}`, { method: 'PUT', body: { user: { job_title: 'Head of On-Call' } } });
    expect(r.status).toBe(200);
    expect(json<{ user: Record<string, unknown> }>(r).user).toMatchObject({ name: before.name, job_title: 'Head of On-Call' });
    expect((await call(sim.url, `/users/${fx['admin']}`, { method: 'PUT', body: { user: { role: 'superhero' } } })).status).toBe(400);
    expect((await call(sim.url, '/users/PAAAAAA', { method: 'PUT', body: { user: { job_title: 'x' } } })).status).toBe(404);
  });
});
