import { ApiClient, type Fetch } from '../api-client';
import { DEMO_WORKFLOW_NAME, dryRunExampleWorkflow } from './demo-workflow';

// The demo's workflow step against a scripted gateway (the real one is in test/e2e): which calls it
// makes, that it only ever dry-runs, and how it reads the plan's size.
function gateway(opts: { existing?: boolean; finalStatus?: string }) {
  const calls: string[] = [];
  const bodies: Record<string, unknown> = {};
  let polls = 0;
  const step = (id: string, action: string) => ({ id, action, status: 'planned', block_id: action === 'vendor_delete' ? 'delete' : 'x' });
  const fetchImpl: Fetch = async (input, init) => {
    const url = new URL(String(input));
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    calls.push(key);
    if (init?.body) bodies[key] = JSON.parse(String(init.body));
    const ok = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    switch (key) {
      case 'GET /api/v1/workflows':
        return ok({ data: opts.existing ? [{ id: 'w-old', name: DEMO_WORKFLOW_NAME }] : [{ id: 'w-other', name: 'Something else' }], next_cursor: null });
      case 'POST /api/v1/workflows':
        return ok({ id: 'w-new' }, 201);
      case `GET /api/v1/workflows/${opts.existing ? 'w-old' : 'w-new'}/validation`:
        return ok({ ok: true });
      case `POST /api/v1/workflows/${opts.existing ? 'w-old' : 'w-new'}/runs`:
        return ok({ id: 'run-1', status: 'planning' }, 202);
      case 'GET /api/v1/workflows/runs/run-1':
        polls += 1;
        return ok({ id: 'run-1', status: polls < 2 ? 'planning' : (opts.finalStatus ?? 'planned'), reason: opts.finalStatus ? 'vault down' : null });
      case 'GET /api/v1/workflows/runs/run-1/plan':
        return ok(url.searchParams.get('cursor') ? { data: [step('s3', 'vendor_delete')], next_cursor: null } : { data: [step('s1', 'vendor_delete'), step('s2', 'notify')], next_cursor: 'c2' });
      default:
        return new Response(JSON.stringify({ status: 404, code: 'NOT_FOUND', detail: key }), { status: 404, headers: { 'content-type': 'application/problem+json' } });
    }
  };
  return { api: new ApiClient('http://gw.test', 't', fetchImpl), calls, bodies };
}

describe(dryRunExampleWorkflow.name, () => {
  it('creates the example as a draft, validates it, dry-runs it and counts the planned deletes', async () => {
    const gw = gateway({});
    const steps: string[] = [];
    const plan = await dryRunExampleWorkflow(gw.api, 'cred-1', (s) => steps.push(s));
    expect(plan).toEqual({ workflowId: 'w-new', runId: 'run-1', size: 2 });
    const created = gw.bodies['POST /api/v1/workflows'] as { type: string; graph: { blocks: Array<{ type: string; config: Record<string, unknown> }>; links: unknown[] } };
    expect(created.type).toBe('saas_users');
    expect(created.graph.blocks.map((b) => b.type)).toEqual(['begin', 'api', 'end']);
    expect(created.graph.blocks[0]?.config).toMatchObject({ trigger: 'schedule', scope: 'active_records', schedule: { kind: 'daily' } });
    expect(created.graph.blocks[1]?.config).toEqual({ preset: 'pagerduty.delete_user', credential_id: 'cred-1' });
    expect(gw.bodies['POST /api/v1/workflows/w-new/runs']).toEqual({ dry_run: true });
    // Never launched, never applied.
    expect(gw.calls.filter((c) => /\/launch$|\/apply$/.test(c))).toEqual([]);
    expect(steps.at(-1)).toMatch(/2 PagerDuty users would be deleted; nothing was deleted/);
  });

  it('reuses the workflow an earlier start left, untouched', async () => {
    const gw = gateway({ existing: true });
    expect((await dryRunExampleWorkflow(gw.api, 'cred-1', () => undefined)).workflowId).toBe('w-old');
    expect(gw.calls.filter((c) => c.startsWith('POST /api/v1/workflows') && !c.endsWith('/runs'))).toEqual([]);
    expect(gw.calls.some((c) => c.startsWith('PATCH'))).toBe(false);
  });

  it('fails plainly when the dry run ends anything but planned', async () => {
    await expect(dryRunExampleWorkflow(gateway({ finalStatus: 'failed' }).api, 'cred-1', () => undefined)).rejects.toThrow("the example workflow's dry run ended failed: vault down");
  });
});
