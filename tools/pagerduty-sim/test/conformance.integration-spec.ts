import { call, control, fixtures, start, READ_ONLY_KEY, type ApiResponse, type Sim } from './helpers';
import { OpenApiValidator } from './openapi-validator';

// Every response shape the simulator produces, checked against PagerDuty's official OpenAPI
// description. A case names the spec operation it must conform to.
interface Case {
  name: string;
  op: [string, string];
  run: (sim: Sim, fx: Record<string, string>) => Promise<ApiResponse>;
  status: number;
}

const cases: Case[] = [
  { name: 'list users', op: ['GET', '/users'], status: 200, run: (s) => call(s.url, '/users?limit=100&total=true') },
  { name: 'list users, last page', op: ['GET', '/users'], status: 200, run: (s) => call(s.url, '/users?offset=250&limit=25') },
  { name: 'list users by query and team', op: ['GET', '/users'], status: 200, run: (s) => call(s.url, '/users?query=a&limit=10') },
  { name: 'offset cap', op: ['GET', '/users'], status: 400, run: (s) => call(s.url, '/users?offset=9950&limit=100') },
  { name: 'unauthenticated', op: ['GET', '/users'], status: 401, run: (s) => call(s.url, '/users', { key: 'nope' }) },
  { name: 'get user', op: ['GET', '/users/{id}'], status: 200, run: (s, f) => call(s.url, `/users/${f['admin']}`) },
  { name: 'get unknown user', op: ['GET', '/users/{id}'], status: 404, run: (s) => call(s.url, '/users/PZZZZZZ') },
  {
    name: 'create user',
    op: ['POST', '/users'],
    status: 201,
    run: (s, f) =>
      call(s.url, '/users', {
        method: 'POST',
        headers: { From: 'owner@acme.example.com' },
        body: { user: { type: 'user', name: 'New Person', email: 'new.person@acme.example.com', role: 'limited_user' } },
        key: undefined,
      }).then((r) => (void f, r)),
  },
  {
    name: 'create user without From',
    op: ['POST', '/users'],
    status: 400,
    run: (s) => call(s.url, '/users', { method: 'POST', body: { user: { name: 'X', email: 'x@acme.example.com' } } }),
  },
  {
    name: 'create user with read-only key',
    op: ['POST', '/users'],
    status: 403,
    run: (s) => call(s.url, '/users', { method: 'POST', key: READ_ONLY_KEY, headers: { From: 'a@b.co' }, body: { user: {} } }),
  },
  { name: 'update user', op: ['PUT', '/users/{id}'], status: 200, run: (s, f) => call(s.url, `/users/${f['admin']}`, { method: 'PUT', body: { user: { job_title: 'Boss' } } }) },
  { name: 'delete user', op: ['DELETE', '/users/{id}'], status: 204, run: (s, f) => call(s.url, `/users/${f['deletable']}`, { method: 'DELETE' }) },
  { name: 'delete unknown user', op: ['DELETE', '/users/{id}'], status: 404, run: (s) => call(s.url, '/users/PZZZZZZ', { method: 'DELETE' }) },
  { name: 'raw user analytics', op: ['POST', '/analytics/raw/users'], status: 200, run: (s) => call(s.url, '/analytics/raw/users', { method: 'POST', body: { limit: 50 } }) },
  { name: 'raw user analytics bad limit', op: ['POST', '/analytics/raw/users'], status: 400, run: (s) => call(s.url, '/analytics/raw/users', { method: 'POST', body: { limit: 5000 } }) },
  {
    name: 'oauth delegations',
    op: ['GET', '/users/{id}/oauth_delegations'],
    status: 200,
    run: (s, f) => call(s.url, `/users/${f['with_delegations']}/oauth_delegations?limit=1`),
  },
  { name: 'user licence', op: ['GET', '/users/{id}/license'], status: 200, run: (s, f) => call(s.url, `/users/${f['stakeholder']}/license`) },
  { name: 'licences', op: ['GET', '/licenses'], status: 200, run: (s) => call(s.url, '/licenses') },
  { name: 'licence allocations', op: ['GET', '/license_allocations'], status: 200, run: (s) => call(s.url, '/license_allocations?limit=100') },
  { name: 'contact methods', op: ['GET', '/users/{id}/contact_methods'], status: 200, run: (s, f) => call(s.url, `/users/${f['admin']}/contact_methods`) },
  {
    name: 'create contact method',
    op: ['POST', '/users/{id}/contact_methods'],
    status: 201,
    run: (s, f) => call(s.url, `/users/${f['admin']}/contact_methods`, { method: 'POST', body: { contact_method: { type: 'sms_contact_method', label: 'SMS', address: '5550001', country_code: 44 } } }),
  },
  { name: 'notification rules', op: ['GET', '/users/{id}/notification_rules'], status: 200, run: (s, f) => call(s.url, `/users/${f['admin']}/notification_rules`) },
  {
    name: 'create notification rule',
    op: ['POST', '/users/{id}/notification_rules'],
    status: 201,
    run: async (s, f) => {
      const cms = (await call(s.url, `/users/${f['admin']}/contact_methods`)).body as { contact_methods: { id: string }[] };
      const cm = cms.contact_methods[0]?.id;
      return call(s.url, `/users/${f['admin']}/notification_rules`, { method: 'POST', body: { notification_rule: { type: 'assignment_notification_rule', start_delay_in_minutes: 3, urgency: 'high', contact_method: { id: cm, type: 'email_contact_method_reference' } } } });
    },
  },
  { name: 'teams', op: ['GET', '/teams'], status: 200, run: (s) => call(s.url, '/teams?total=true') },
  {
    name: 'add team member',
    op: ['PUT', '/teams/{id}/users/{user_id}'],
    status: 204,
    run: async (s, f) => {
      const teams = (await call(s.url, '/teams')).body as { teams: { id: string }[] };
      return call(s.url, `/teams/${teams.teams[0]?.id}/users/${f['admin']}`, { method: 'PUT', body: { role: 'observer' } });
    },
  },
  { name: 'open incidents', op: ['GET', '/incidents'], status: 200, run: (s) => call(s.url, '/incidents?statuses[]=triggered&statuses[]=acknowledged&limit=100') },
  { name: 'incidents of a user', op: ['GET', '/incidents'], status: 200, run: (s, f) => call(s.url, `/incidents?user_ids[]=${f['with_open_incidents']}`) },
  { name: 'schedules', op: ['GET', '/schedules'], status: 200, run: (s) => call(s.url, '/schedules?limit=100') },
  { name: 'escalation policies', op: ['GET', '/escalation_policies'], status: 200, run: (s) => call(s.url, '/escalation_policies?limit=100') },
  { name: 'escalation policies of a user', op: ['GET', '/escalation_policies'], status: 200, run: (s, f) => call(s.url, `/escalation_policies?user_ids[]=${f['on_escalation_policy']}`) },
];

describe('conformance with the official PagerDuty OpenAPI description', () => {
  const validator = new OpenApiValidator();
  let sim: Sim;
  let fx: Record<string, string>;

  beforeAll(async () => {
    sim = await start({ users: 260, seed: 7 });
    fx = await fixtures(sim.url);
  });
  afterAll(() => sim.close());
  beforeEach(() => control(sim.url, 'POST', '/_sim/reset', {}));

  it.each(cases)('$name matches $op.0 $op.1 $status', async ({ op, run, status }) => {
    const res = await run(sim, fx);
    expect(res.status).toBe(status);
    if (status === 204) {
      expect(res.text).toBe('');
      return;
    }
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(validator.validate(op[0], op[1], status, res.body)).toEqual([]);
  });

  it('rejects a body that breaks the spec (the validator is not vacuous)', () => {
    expect(validator.validate('GET', '/users', 200, { users: [{ id: 1, type: 'user', name: 'x', email: 'x@y.zz' }] })).not.toEqual([]);
    expect(validator.validate('GET', '/users', 200, { users: [], limit: '25' })).not.toEqual([]);
  });

  it('every item of a 100-user page validates, including the non-spec billed/coordinated_incidents fields', async () => {
    const res = await call(sim.url, '/users?limit=100&offset=100');
    const users = (res.body as { users: Array<Record<string, unknown>> }).users;
    expect(users).toHaveLength(100);
    for (const u of users) {
      expect(typeof u['billed']).toBe('boolean');
      expect(u['coordinated_incidents']).toEqual([]);
    }
    expect(validator.validate('GET', '/users', 200, res.body)).toEqual([]);
  });

  it('error bodies for statuses an operation leaves undocumented still use the error envelope', async () => {
    const blocked = await call(sim.url, `/users/${fx['owner']}`, { method: 'DELETE' });
    expect(blocked.status).toBe(400);
    expect(validator.documents('DELETE', '/users/{id}', 400)).toBe(false);
    expect(validator.validateError(blocked.body)).toEqual([]);
    await control(sim.url, 'PUT', '/_sim/config', { rate_limit: 1 });
    await call(sim.url, '/users');
    const limited = await call(sim.url, '/users');
    expect(limited.status).toBe(429);
    expect(validator.validate('GET', '/users', 429, limited.body)).toEqual([]);
    await control(sim.url, 'PUT', '/_sim/config', { rate_limit: 960 });
  });
});
