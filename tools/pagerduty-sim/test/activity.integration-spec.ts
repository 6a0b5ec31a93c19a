import { call, fixtures, json, start, type Sim, type UserPage } from './helpers';

interface RawPage {
  data: Array<{ id: string; last_sign_in_at: string | null; signed_up: boolean; role: string }>;
  first?: string;
  last?: string;
  more: boolean;
  limit: number;
}

interface DelegationPage {
  oauth_delegations: Array<{ id: string; delegation_type: string; client_id: string }>;
  limit: number;
  more: boolean;
  next_cursor?: string;
}

const YEAR = 365 * 86_400_000;
const REF = Date.parse('2026-06-01T00:00:00Z');

describe('activity and seat endpoints', () => {
  let sim: Sim;
  let fx: Record<string, string>;
  beforeAll(async () => {
    sim = await start({ users: 230, seed: 41 });
    fx = await fixtures(sim.url);
  });
  afterAll(() => sim.close());

  async function raw(body: Record<string, unknown>): Promise<RawPage> {
    const r = await call(sim.url, '/analytics/raw/users', { method: 'POST', body });
    expect(r.status).toBe(200);
    return json<RawPage>(r);
  }

  it('pages POST /analytics/raw/users with limit and starting_after through every user exactly once', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await raw({ limit: 100, order: 'asc', ...(after ? { starting_after: after } : {}) });
      ids.push(...page.data.map((d) => d.id));
      if (!page.more) break;
      after = page.last;
    }
    expect(ids).toHaveLength(230);
    const listed = json<UserPage>(await call(sim.url, '/users?limit=100')).users.map((u) => u.id);
    expect(ids.slice(0, 100)).toEqual(listed);
  });

  it('defaults to descending order and a limit of 1000, and refuses a larger limit', async () => {
    const page = await raw({});
    expect(page.limit).toBe(1000);
    expect(page.more).toBe(false);
    expect(page.data).toHaveLength(230);
    const asc = await raw({ order: 'asc' });
    expect(page.data.map((d) => d.id)).toEqual(asc.data.map((d) => d.id).reverse());
    expect((await call(sim.url, '/analytics/raw/users', { method: 'POST', body: { limit: 1001 } })).status).toBe(400);
  });

  it('reports last_sign_in_at: recent, over a year old, and never (null, signed_up false)', async () => {
    const { data } = await raw({});
    const never = data.filter((d) => d.last_sign_in_at === null);
    expect(never.length).toBeGreaterThan(0);
    expect(never.every((d) => !d.signed_up)).toBe(true);
    const stale = data.filter((d) => d.last_sign_in_at !== null && Date.parse(d.last_sign_in_at) < REF - YEAR);
    expect(stale.length).toBeGreaterThan(0);
    expect(data.find((d) => d.id === fx['never_signed_in'])?.last_sign_in_at).toBeNull();
  });

  it('filters by user_ids and role_ids', async () => {
    const one = await raw({ filters: { user_ids: [fx['admin']] } });
    expect(one.data.map((d) => d.id)).toEqual([fx['admin']]);
    const owners = await raw({ filters: { role_ids: ['owner'] } });
    expect(owners.data.map((d) => d.id)).toEqual([fx['owner']]);
  });

  it('pages a user_ids filter in listing order, both ways, as the whole listing filtered would', async () => {
    const all = (await raw({ order: 'asc' })).data.map((d) => d.id);
    // Every third user, asked for out of order, with an unknown and a malformed id and a repeat.
    const picked = all.filter((_, i) => i % 3 === 0);
    const asked = [...picked].reverse().concat(['PZZZZZZ', 'nonsense', picked[0] as string]);
    for (const order of ['asc', 'desc'] as const) {
      const got: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await raw({ order, limit: 7, filters: { user_ids: asked }, ...(after ? { starting_after: after } : {}) });
        got.push(...page.data.map((d) => d.id));
        if (!page.more) break;
        after = page.last;
      }
      expect(got).toEqual(order === 'asc' ? picked : [...picked].reverse());
    }
  });

  it('pages GET /users/{id}/oauth_delegations by cursor', async () => {
    const id = fx['with_delegations'] as string;
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await call(sim.url, `/users/${id}/oauth_delegations?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      const page = json<DelegationPage>(r);
      pages++;
      expect(page.oauth_delegations).toHaveLength(1);
      seen.push(...page.oauth_delegations.map((d) => d.id));
      if (!page.more) {
        expect(page.next_cursor).toBeUndefined();
        break;
      }
      cursor = page.next_cursor;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    const web = json<DelegationPage>(await call(sim.url, `/users/${id}/oauth_delegations?delegation_type=web`));
    expect(web.oauth_delegations.map((d) => d.client_id)).toEqual(['PagerDutyLogin']);
    expect((await call(sim.url, `/users/${id}/oauth_delegations?cursor=garbage`)).status).toBe(400);
    expect((await call(sim.url, '/users/PAAAAAA/oauth_delegations')).status).toBe(404);
  });

  it('reports licences: per user, per account with counts, and as allocations', async () => {
    const stakeholder = json<{ license: { role_group: string } }>(await call(sim.url, `/users/${fx['stakeholder']}/license`));
    expect(stakeholder.license.role_group).toBe('Stakeholder');
    const owner = json<{ license: { role_group: string; valid_roles: string[] } }>(await call(sim.url, `/users/${fx['owner']}/license`));
    expect(owner.license).toMatchObject({ role_group: 'FullUser' });
    expect(owner.license.valid_roles).toContain('owner');
    const licenses = json<{ licenses: Array<{ current_value: number }> }>(await call(sim.url, '/licenses')).licenses;
    expect(licenses.reduce((n, l) => n + l.current_value, 0)).toBe(230);
    const alloc = json<{ license_allocations: unknown[]; more: boolean }>(await call(sim.url, '/license_allocations?limit=100&offset=200'));
    expect(alloc.license_allocations).toHaveLength(30);
    expect(alloc.more).toBe(false);
  });
});
