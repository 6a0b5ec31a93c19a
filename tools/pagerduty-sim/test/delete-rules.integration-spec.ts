import { call, control, fixtures, json, start, type Sim } from './helpers';

interface ErrorBody {
  error: { message: string; code: number; errors: string[] };
}

describe('DELETE /users/{id} rules', () => {
  let sim: Sim;
  let fx: Record<string, string>;
  beforeAll(async () => {
    sim = await start({ users: 400, seed: 21 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await control(sim.url, 'POST', '/_sim/reset', {});
    fx = await fixtures(sim.url);
  });

  async function expectBlocked(id: string | undefined, pattern: RegExp): Promise<void> {
    const r = await call(sim.url, `/users/${id}`, { method: 'DELETE' });
    expect(r.status).toBe(400);
    const body = json<ErrorBody>(r);
    expect(body.error.message).toBe('Invalid Input Provided');
    expect(body.error.code).toBe(2001);
    expect(body.error.errors.some((e) => pattern.test(e))).toBe(true);
    expect((await call(sim.url, `/users/${id}`)).status).toBe(200);
  }

  it('deletes (204, empty body), then 404s on GET and on a second DELETE', async () => {
    const r = await call(sim.url, `/users/${fx['deletable']}`, { method: 'DELETE' });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const after = await call(sim.url, `/users/${fx['deletable']}`);
    expect(after.status).toBe(404);
    expect(after.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    expect((await call(sim.url, `/users/${fx['deletable']}`, { method: 'DELETE' })).status).toBe(404);
    expect(json<{ total: number }>(await call(sim.url, '/users?total=true')).total).toBe(399);
  });

  it('refuses to delete the account owner', () => expectBlocked(fx['owner'], /account owner cannot be deleted/));

  it('refuses a user with open incidents, which GET /incidents lists for the preflight', async () => {
    const id = fx['with_open_incidents'] as string;
    const incidents = json<{ incidents: Array<{ status: string; assignments: Array<{ assignee: { id: string } }> }> }>(
      await call(sim.url, `/incidents?user_ids[]=${id}&statuses[]=triggered&statuses[]=acknowledged&date_range=all`),
    ).incidents;
    expect(incidents.length).toBeGreaterThan(0);
    for (const i of incidents) expect(i.assignments[0]?.assignee.id).toBe(id);
    await expectBlocked(id, /open incident/);
  });

  it('refuses a user on a schedule, found with GET /schedules?user_ids[]=', async () => {
    const id = fx['on_schedule'] as string;
    const schedules = json<{ schedules: Array<{ users: Array<{ id: string }> }> }>(await call(sim.url, `/schedules?user_ids[]=${id}`)).schedules;
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.users.map((u) => u.id)).toContain(id);
    await expectBlocked(id, /on schedule/);
  });

  it('refuses a user targeted by an escalation policy, found with GET /escalation_policies?user_ids[]=', async () => {
    const id = fx['on_escalation_policy'] as string;
    const eps = json<{ escalation_policies: Array<{ escalation_rules: Array<{ targets: Array<{ id: string }> }> }> }>(
      await call(sim.url, `/escalation_policies?user_ids[]=${id}`),
    ).escalation_policies;
    expect(eps).toHaveLength(1);
    expect(eps[0]?.escalation_rules.flatMap((r) => r.targets.map((t) => t.id))).toContain(id);
    await expectBlocked(id, /escalation policy/);
  });

  it('allows the delete once incidents are resolved and duties removed', async () => {
    const id = fx['with_open_incidents'] as string;
    await control(sim.url, 'PATCH', `/_sim/users/${id}`, { open_incidents: 0, on_schedule: false, on_escalation_policy: false });
    expect(json<{ incidents: unknown[] }>(await call(sim.url, `/incidents?user_ids[]=${id}`)).incidents).toEqual([]);
    expect((await call(sim.url, `/users/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('unknown IDs 404', async () => {
    const r = await call(sim.url, '/users/PQQQQQQ', { method: 'DELETE' });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
  });
});
