import { RpcClient } from '@seatkeeper/platform-messaging';
import { expectEventually, startServiceProcess, type ServiceProcess } from '@seatkeeper/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { problemOf, startGateway, type Answer, type GatewayUnderTest } from './support/gateway-harness';

interface WorkflowBody {
  id: string;
  status: string;
  draft_version: number;
  active_version: number | null;
  graph: { blocks: { id: string; config: Record<string, unknown> }[] };
  limits: { max_percent: number; max_count: number };
}
interface RunBody {
  id: string;
  workflow_id: string;
  dry_run: boolean;
  status: string;
  counts: { records: number; planned: number };
}
interface StepBody {
  id: string;
  block_id: string;
  action: string;
  status: string;
  external_id: string | null;
}
interface PageBody<T> {
  data: T[];
  next_cursor: string | null;
}

function ok<T>(answer: Answer, status = 200): T {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.body as T;
}

const USERS = ['pd-1', 'pd-2', 'pd-3'];
const PD = { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' };
const daily = { trigger: 'schedule', schedule: { kind: 'daily', time_of_day: '03:00', time_zone: 'Europe/Paris' }, scope: 'active_records', rule: PD };
const graph = (begin: Record<string, unknown>, ...chain: { id: string; type: string; config: Record<string, unknown> }[]) => {
  const blocks = [{ id: 'begin', type: 'begin', config: begin }, ...chain, { id: 'end', type: 'end', config: {} }];
  return { blocks, links: blocks.slice(0, -1).map((b, i) => ({ from: b.id, to: blocks[i + 1]?.id, branch: 'success' })) };
};

/**
 * The /api/v1/workflows routes against real workflow and mapping processes (own databases, the
 * gateway's bus prefix; the directory seeded with three PagerDuty accounts as a sync leaves it):
 * create, a bad graph refused as 422 naming block and field, validate, launch, preview, dry run
 * and its plan, with the roles enforced. Matrix, fuzz and OpenAPI suites cover every route too.
 */
describe('workflows routes with the workflow service', () => {
  let gw: GatewayUnderTest;
  let services: ServiceProcess[] = [];
  const as = (role: 'admin' | 'operator' | 'viewer') => gw.tokens[role].secret;

  beforeAll(async () => {
    gw = await startGateway();
    const rpc = gw.service.running.app.get(RpcClient);
    const prefix = gw.service.prefix;
    services = await Promise.all([startServiceProcess('mapping', { prefix, rpc }), startServiceProcess('workflow', { prefix, rpc })]);
    const mapping = services[0] as ServiceProcess;
    const c = new Client({ connectionString: mapping.db.url });
    await c.connect();
    try {
      await c.query(`insert into mapping.saas_app (id, name, vendor) values ($1, 'PagerDuty', 'pagerduty') on conflict (vendor) do nothing`, [randomUUID()]);
      await c.query(
        `insert into mapping.saas_user (id, saas_app_id, integration_id, external_id, email, vendor_role, type, status)
         select gen_random_uuid(), (select id from mapping.saas_app where vendor = 'pagerduty'), $1, t.id, t.id || '@example.com', 'user', 'user', 'active'
         from unnest($2::text[]) as t(id)`,
        [randomUUID(), USERS],
      );
    } finally {
      await c.end();
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await gw?.stop();
  });

  it('a bad graph is 422 WORKFLOW_GRAPH_INVALID naming block and field, and nothing is stored', async () => {
    const bad = graph({ ...daily, schedule: { kind: 'cron', cron: '61 * * *' } }, { id: 'roles', type: 'role_retrieval', config: { vendor: 'okta' } });
    const answer = await gw.call('POST', '/api/v1/workflows', { token: as('admin'), body: { name: 'Bad', type: 'saas_users', graph: bad } });
    expect(answer.status).toBe(422);
    const problem = problemOf(answer);
    expect(problem.code).toBe('WORKFLOW_GRAPH_INVALID');
    const named = (problem.errors ?? []).map((e) => `${(e as { block_id?: string }).block_id}:${e.field}`);
    expect(named).toEqual(
      expect.arrayContaining(['begin:graph.blocks.begin.config.schedule.cron', 'roles:graph.blocks.roles.config.vendor', 'roles:graph.blocks.roles.config.credential_id']),
    );
    expect(ok<PageBody<WorkflowBody>>(await gw.call('GET', '/api/v1/workflows', { token: as('viewer') })).data).toEqual([]);

    // A draft may name a credential the vault does not confirm; validation (as a launch would) names the block.
    const draft = ok<WorkflowBody>(
      await gw.call('POST', '/api/v1/workflows', {
        token: as('admin'),
        body: { name: 'Roles', type: 'saas_users', graph: graph(daily, { id: 'roles', type: 'role_retrieval', config: { vendor: 'pagerduty', credential_id: randomUUID() } }) },
      }),
      201,
    );
    expect(draft.graph.blocks.find((b) => b.id === 'roles')?.config).toEqual({ vendor: 'pagerduty', credential_id: expect.any(String) });
    const invalid = await gw.call('GET', `/api/v1/workflows/${draft.id}/validation`, { token: as('viewer') });
    expect(invalid.status).toBe(422);
    expect(problemOf(invalid).errors).toEqual([expect.objectContaining({ block_id: 'roles', field: 'graph.blocks.roles.config.credential_id' })]);
    expect((await gw.call('POST', `/api/v1/workflows/${draft.id}/launch`, { token: as('admin') })).status).toBe(422);
    expect(ok<{ deleted: boolean }>(await gw.call('DELETE', `/api/v1/workflows/${draft.id}`, { token: as('admin') })).deleted).toBe(true);
    expect((await gw.call('GET', `/api/v1/workflows/${draft.id}`, { token: as('viewer') })).status).toBe(404);
  });

  it('create, validate, launch, preview, dry run and its plan, each with its role', async () => {
    const body = { name: 'Deactivate PagerDuty', type: 'saas_users', graph: graph(daily, { id: 'off', type: 'deactivate', config: { reason: 'offboarding' } }), limits: { max_count: 10 } };
    expect((await gw.call('POST', '/api/v1/workflows', { token: as('operator'), body })).status).toBe(403);
    const w = ok<WorkflowBody>(await gw.call('POST', '/api/v1/workflows', { token: as('admin'), body }), 201);
    expect(w).toMatchObject({ status: 'draft', draft_version: 1, active_version: null, limits: { max_count: 10 } });
    expect(w.graph.blocks[0]?.config['schedule']).toEqual({ kind: 'daily', time_of_day: '03:00', time_zone: 'Europe/Paris' });

    expect(ok<{ ok: boolean }>(await gw.call('GET', `/api/v1/workflows/${w.id}/validation`, { token: as('viewer') }))).toEqual({ ok: true });
    const preview = ok<{ count: number; data: { external_id: string }[] }>(await gw.call('GET', `/api/v1/workflows/${w.id}/preview?limit=2`, { token: as('viewer') }));
    expect(preview.count).toBe(USERS.length);
    expect(preview.data).toHaveLength(2);

    // A real run needs a launch; operators run, only admins launch.
    expect(problemOf(await gw.call('POST', `/api/v1/workflows/${w.id}/runs`, { token: as('operator'), body: {} })).code).toBe('WORKFLOW_NOT_ACTIVE');
    expect((await gw.call('POST', `/api/v1/workflows/${w.id}/launch`, { token: as('operator') })).status).toBe(403);
    const launched = ok<WorkflowBody>(await gw.call('POST', `/api/v1/workflows/${w.id}/launch`, { token: as('admin') }));
    expect(launched).toMatchObject({ status: 'active', active_version: 1 });
    const versions = ok<PageBody<{ version: number; state: string }>>(await gw.call('GET', `/api/v1/workflows/${w.id}/versions`, { token: as('viewer') }));
    expect(versions.data).toEqual([expect.objectContaining({ version: 1, state: 'frozen' })]);
    const badCursor = await gw.call('GET', `/api/v1/workflows/${w.id}/versions?cursor=abc`, { token: as('viewer') });
    expect([badCursor.status, (problemOf(badCursor).errors ?? []).map((e) => e.field)]).toEqual([400, ['cursor']]);
    const badListCursor = await gw.call('GET', '/api/v1/workflows?cursor=abc', { token: as('viewer') });
    expect([badListCursor.status, (problemOf(badListCursor).errors ?? []).map((e) => e.field)]).toEqual([400, ['cursor']]);

    expect((await gw.call('POST', `/api/v1/workflows/${w.id}/runs`, { token: as('viewer'), body: { dry_run: true } })).status).toBe(403);
    const started = ok<RunBody>(await gw.call('POST', `/api/v1/workflows/${w.id}/runs`, { token: as('operator'), body: { dry_run: true } }), 202);
    expect(started).toMatchObject({ workflow_id: w.id, dry_run: true });
    const planned = await expectEventually(
      async () => {
        const run = ok<RunBody>(await gw.call('GET', `/api/v1/workflows/runs/${started.id}`, { token: as('viewer') }));
        expect(run.status).toBe('planned');
        return run;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(planned.counts).toMatchObject({ records: USERS.length, planned: USERS.length });
    const plan = ok<PageBody<StepBody>>(await gw.call('GET', `/api/v1/workflows/runs/${started.id}/plan`, { token: as('viewer') }));
    const deactivations = plan.data.filter((s) => s.block_id === 'off');
    expect(deactivations.map((s) => s.external_id).sort()).toEqual(USERS);
    for (const s of deactivations) expect(s).toMatchObject({ action: 'deactivate', status: 'planned' });
    expect((await gw.call('GET', `/api/v1/workflows/${w.id}/runs`, { token: as('viewer') })).body).toMatchObject({ data: [expect.objectContaining({ id: started.id })] });

    // Nothing was changed by the dry run; applying the plan is an operator's act.
    expect((await gw.call('POST', `/api/v1/workflows/runs/${started.id}/apply`, { token: as('viewer') })).status).toBe(403);
    expect((await gw.call('PATCH', `/api/v1/workflows/${w.id}`, { token: as('operator'), body: { name: 'x' } })).status).toBe(403);

    // Restore is an operator's act on a vendor-delete step; a deactivate step has no kit, an unknown step is 404, bad input names the field.
    const offStep = (deactivations[0] as StepBody).id;
    const restorePath = (step: string) => `/api/v1/workflows/runs/${started.id}/steps/${step}/restore`;
    expect((await gw.call('POST', restorePath(offStep), { token: as('viewer'), body: {} })).status).toBe(403);
    const noKit = await gw.call('POST', restorePath(offStep), { token: as('operator'), body: {} });
    expect([noKit.status, problemOf(noKit).code]).toEqual([409, 'CONFLICT']);
    const unknown = await gw.call('POST', restorePath(randomUUID()), { token: as('operator'), body: {} });
    expect([unknown.status, problemOf(unknown).code]).toEqual([404, 'NOT_FOUND']);
    const badFrom = await gw.call('POST', restorePath(offStep), { token: as('operator'), body: { from_email: 'not-an-email' } });
    expect([badFrom.status, (problemOf(badFrom).errors ?? []).map((e) => e.field)]).toEqual([400, ['from_email']]);
    await expectEventually(async () => {
      const log = await gw.call('GET', `/api/v1/audit-log?action=${encodeURIComponent('POST /api/v1/workflows/runs/:id/steps/:stepId/restore')}`, { token: as('admin') });
      const entries = (log.body as { data: { target: string; status: number }[] }).data;
      expect(entries).toContainEqual(expect.objectContaining({ target: started.id, status: 409 }));
    });
  });
});
