import { call, control, fixtures, json, start, READ_ONLY_KEY, type Sim, type UserJson } from './helpers';

interface ContactMethodJson {
  id: string;
  type: string;
  label: string;
  address: string;
  country_code?: number;
}
interface RuleJson {
  id: string;
  type: string;
  start_delay_in_minutes: number;
  urgency: string;
  contact_method: { id: string; type: string };
}

describe('contact methods, notification rules and team membership', () => {
  let sim: Sim;
  let fx: Record<string, string>;
  beforeAll(async () => {
    sim = await start({ users: 120, seed: 5 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await control(sim.url, 'POST', '/_sim/reset', {});
    fx = await fixtures(sim.url);
  });

  const methodsOf = async (id: string) => json<{ contact_methods: ContactMethodJson[] }>(await call(sim.url, `/users/${id}/contact_methods`)).contact_methods;
  const rulesOf = async (id: string, q = '') => json<{ notification_rules: RuleJson[] }>(await call(sim.url, `/users/${id}/notification_rules${q}`)).notification_rules;

  it('lists the derived default email method and rule, the same ones include[] expands on the user', async () => {
    const id = fx['admin'] as string;
    const user = json<{ user: UserJson & { contact_methods: ContactMethodJson[]; notification_rules: RuleJson[] } }>(
      await call(sim.url, `/users/${id}?include[]=contact_methods&include[]=notification_rules`),
    ).user;
    const methods = await methodsOf(id);
    expect(methods).toEqual(user.contact_methods);
    expect(methods).toEqual([expect.objectContaining({ type: 'email_contact_method', label: 'Default', address: user.email })]);
    const rules = await rulesOf(id);
    expect(rules).toEqual(user.notification_rules);
    expect(rules).toEqual([expect.objectContaining({ urgency: 'high', start_delay_in_minutes: 0, contact_method: { id: methods[0]?.id, type: 'email_contact_method_reference' } })]);
    expect((await call(sim.url, '/users/PZZZZZZ/contact_methods')).status).toBe(404);
  });

  it('creates contact methods and rules that read back (list, include[] and reference stubs) with fresh ids', async () => {
    const id = fx['admin'] as string;
    const [before] = await methodsOf(id);
    const phone = await call(sim.url, `/users/${id}/contact_methods`, {
      method: 'POST',
      body: { contact_method: { type: 'phone_contact_method', label: 'Mobile', address: '5551234567', country_code: 1 } },
    });
    expect(phone.status).toBe(201);
    const cm = json<{ contact_method: ContactMethodJson }>(phone).contact_method;
    expect(cm).toMatchObject({ type: 'phone_contact_method', label: 'Mobile', address: '5551234567', country_code: 1 });
    expect(cm.id).toMatch(/^P[A-Z2-7]{6}$/);
    expect(cm.id).not.toBe(before?.id);
    const rule = await call(sim.url, `/users/${id}/notification_rules`, {
      method: 'POST',
      body: { notification_rule: { type: 'assignment_notification_rule', start_delay_in_minutes: 5, urgency: 'low', contact_method: { id: cm.id, type: 'phone_contact_method_reference' } } },
    });
    expect(rule.status).toBe(201);
    const nr = json<{ notification_rule: RuleJson }>(rule).notification_rule;
    expect(nr).toMatchObject({ start_delay_in_minutes: 5, urgency: 'low', contact_method: { id: cm.id, type: 'phone_contact_method_reference' } });

    expect((await methodsOf(id)).map((m) => m.id)).toEqual([before?.id, cm.id]);
    expect((await rulesOf(id)).map((r) => r.urgency)).toEqual(['high']); // urgency defaults to high
    expect((await rulesOf(id, '?urgency=any')).map((r) => r.id)).toContain(nr.id);
    const stub = json<{ user: { contact_methods: { id: string; type: string }[]; notification_rules: { id: string; type: string }[] } }>(await call(sim.url, `/users/${id}`)).user;
    expect(stub.contact_methods.map((m) => m.type)).toEqual(['email_contact_method_reference', 'phone_contact_method_reference']);
    expect(stub.notification_rules.map((r) => r.id)).toContain(nr.id);
  });

  it('refuses a duplicate method, a rule on a foreign method, bad input and a read-only key', async () => {
    const id = fx['admin'] as string;
    const [own] = await methodsOf(id);
    const dup = await call(sim.url, `/users/${id}/contact_methods`, { method: 'POST', body: { contact_method: { type: 'email_contact_method', label: 'Again', address: own?.address } } });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ error: { message: 'Invalid Input Provided', code: 2001, errors: ['User Contact method must be unique'] } });
    const noCc = await call(sim.url, `/users/${id}/contact_methods`, { method: 'POST', body: { contact_method: { type: 'sms_contact_method', label: 'SMS', address: '555' } } });
    expect(noCc.status).toBe(400);
    const [foreign] = await methodsOf(fx['deletable'] as string);
    const bad = await call(sim.url, `/users/${id}/notification_rules`, {
      method: 'POST',
      body: { notification_rule: { start_delay_in_minutes: 0, urgency: 'high', contact_method: { id: foreign?.id } } },
    });
    expect(bad.status).toBe(400);
    const ro = await call(sim.url, `/users/${id}/contact_methods`, { method: 'POST', key: READ_ONLY_KEY, body: { contact_method: { type: 'email_contact_method', label: 'X', address: 'x@y.co' } } });
    expect(ro.status).toBe(403);
    expect(await methodsOf(id)).toEqual([own]);
  });

  it('PUT /teams/{id}/users/{user_id} adds the user to the team once (204), 404 for unknown ids', async () => {
    const teams = json<{ teams: { id: string }[] }>(await call(sim.url, '/teams')).teams.map((t) => t.id);
    const id = fx['deletable'] as string;
    const current = json<{ user: UserJson }>(await call(sim.url, `/users/${id}`)).user.teams.map((t) => t.id);
    const team = teams.find((t) => !current.includes(t)) as string;
    for (let i = 0; i < 2; i++) expect((await call(sim.url, `/teams/${team}/users/${id}`, { method: 'PUT', body: { role: 'responder' } })).status).toBe(204);
    const after = json<{ user: UserJson }>(await call(sim.url, `/users/${id}`)).user.teams.map((t) => t.id);
    expect(after).toEqual([...current, team]);
    expect((await call(sim.url, `/teams/${team}/users/PZZZZZZ`, { method: 'PUT' })).status).toBe(404);
    expect((await call(sim.url, `/teams/PZZZZZZ/users/${id}`, { method: 'PUT' })).status).toBe(404);
    expect((await call(sim.url, `/teams/${team}/users/${id}`, { method: 'PUT', body: { role: 'boss' } })).status).toBe(400);
  });
});
