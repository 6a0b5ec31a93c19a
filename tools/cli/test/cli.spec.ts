import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, writeConfig } from '../src/config-store';
import { progressOf, type RunView } from '../src/run-progress';
import { runCli } from '../src/program';
import type { WorkflowRunView, WorkflowStepView } from '../src/workflow-runs';

// The CLI against a small HTTP double of the gateway's routes (the real gateway is in
// tools/e2e); what is checked: requests it makes, tables and --json, the config file's
// permissions, and problem+json shown plainly with a non-zero exit.
type Handler = (req: IncomingMessage, url: URL) => { status: number; body: unknown; type?: string; raw?: Buffer };

let server: Server;
let base: string;
let handler: Handler;
const seen: Array<{ method: string; path: string; auth?: string; body?: string }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ method: req.method ?? '', path: url.pathname + url.search, auth: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') || undefined });
      const r = handler(req, url);
      res.writeHead(r.status, { 'content-type': r.type ?? 'application/json' });
      res.end(r.raw ?? JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (seen.length = 0));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'sk-cli-'));
  const fullEnv = { SEATKEEPER_CONFIG: join(dir, 'config.json'), ...env };
  return runCli(args, { env: fullEnv, io: { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false } }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n'), env: fullEnv }));
}

const run = (over: Partial<RunView> = {}): RunView => ({
  id: 'r1',
  integration_id: 'i1',
  status: 'completed',
  progress: 1,
  counts: { fetched: 250, applied: 250, quarantined: 0, vendor_total: 250 },
  ...over,
});

describe('seatkeeper CLI', () => {
  it('login checks the token, then stores URL and token in a 0600 file used by later commands', async () => {
    handler = (_req, url) =>
      url.pathname === '/api/v1/tokens/current'
        ? { status: 200, body: { id: 't1', name: 'admin', role: 'admin' } }
        : { status: 200, body: { data: [{ id: 'i1', name: 'PagerDuty', vendor: 'pagerduty', status: 'active', record_type: 'user_and_saas_user', schedule: { kind: 'daily' } }], next_cursor: null } };
    const login = await cli(['login', '--url', base, '--token', 'skp_secret']);
    expect(login.code).toBe(0);
    const path = configPath(login.env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: base, token: 'skp_secret' });
    expect(login.out).not.toContain('skp_secret');

    const list = await runCli(['integrations', 'list'], { env: login.env, io: { out: (s) => seen.push({ method: 'OUT', path: s }), err: () => undefined, isTty: false } });
    expect(list).toBe(0);
    const request = seen.find((s) => s.path.startsWith('/api/v1/integrations'));
    expect(request?.auth).toBe('Bearer skp_secret');
    expect(seen.find((s) => s.method === 'OUT')?.path).toMatch(/PagerDuty.*pagerduty.*active.*daily/s);
  });

  it('tightens an existing config file to 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-cli-'));
    const path = join(dir, 'config.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    writeConfig(path, { url: base, token: 't' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('prints --json as the API objects, pages through lists and passes the rule filter', async () => {
    handler = (_req, url) => {
      const cursor = url.searchParams.get('cursor');
      return { status: 200, body: cursor ? { data: [{ id: 'u2', status: 'active' }], next_cursor: null } : { data: [{ id: 'u1', status: 'active' }], next_cursor: 'c2' } };
    };
    const filter = '{"all":[{"field":"lastActivityAt","op":"more_than_days_ago","value":365}]}';
    const r = await cli(['saas-users', 'list', '--json', '--url', base, '--token', 't', '--filter', filter]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((u: { id: string }) => u.id)).toEqual(['u1', 'u2']);
    const first = new URL(seen[0].path, 'http://x');
    expect(first.searchParams.get('filter')).toBe(filter);
    expect(new URL(seen[1].path, 'http://x').searchParams.get('cursor')).toBe('c2');
  });

  it('refuses a filter that is not JSON before calling the API', async () => {
    const r = await cli(['saas-users', 'list', '--url', base, '--token', 't', '--filter', '{oops']);
    expect(r.code).toBe(1);
    expect(seen).toHaveLength(0);
  });

  it("shows the API's problem+json plainly and exits non-zero", async () => {
    handler = () => ({
      status: 400,
      type: 'application/problem+json',
      body: { type: 'about:blank', title: 'Bad Request', status: 400, code: 'VALIDATION_FAILED', detail: 'The request is invalid', errors: [{ field: 'filter', messages: ['unknown field "nope"'] }], request_id: 'req-1' },
    });
    const r = await cli(['saas-users', 'list', '--url', base, '--token', 't']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error VALIDATION_FAILED (400): The request is invalid\n  filter: unknown field "nope"\n  request id: req-1');
    handler = () => ({ status: 401, type: 'application/problem+json', body: { status: 401, code: 'UNAUTHENTICATED', title: 'Unauthorized' } });
    const denied = await cli(['integrations', 'list', '--url', base, '--token', 'bad', '--json']);
    expect(denied.code).toBe(3);
    expect(JSON.parse(denied.err)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('says plainly when the gateway does not answer', async () => {
    const r = await cli(['integrations', 'list', '--url', 'http://127.0.0.1:1', '--token', 't']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error GATEWAY_UNREACHABLE: http:\/\/127\.0\.0\.1:1/);
  });

  it('run --follow polls the run to its end and exits non-zero unless it completed', async () => {
    let polls = 0;
    handler = (req) => {
      if (req.method === 'POST') return { status: 202, body: run({ status: 'queued', progress: 0, counts: { fetched: 0, applied: 0, quarantined: 0 } }) };
      polls += 1;
      return { status: 200, body: polls < 3 ? run({ status: 'fetching', progress: 0.5, counts: { fetched: 125, applied: 0, quarantined: 0, vendor_total: 250 } }) : run({ status: 'incomplete', reason: 'vendor 500' }) };
    };
    const r = await cli(['run', 'i1', '--follow', '--url', base, '--token', 't']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('fetching (fetched 125/250');
    expect(r.out).toMatch(/incomplete/);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/integrations/i1/runs' });
  });

  it('draws fetching as the first half of the bar and applying as the second', () => {
    expect(progressOf(run({ status: 'fetching', progress: 0.5, counts: { fetched: 125, applied: 0, quarantined: 0, vendor_total: 250 } }))).toBeCloseTo(0.25);
    expect(progressOf(run({ status: 'applying', progress: 1, counts: { fetched: 250, applied: 200, quarantined: 50, vendor_total: 250 } }))).toBeCloseTo(0.999);
    expect(progressOf(run())).toBe(1);
  });

  const wfRun = (over: Partial<WorkflowRunView> = {}): WorkflowRunView => ({
    id: 'wr1',
    workflow_id: 'w1',
    workflow_version: 1,
    trigger: 'manual',
    dry_run: true,
    status: 'planned',
    reason: null,
    counts: { records: 2, planned: 2, succeeded: 0, skipped: 0, failed: 0 },
    approval: null,
    created_at: '2026-12-03T00:00:00.000Z',
    finished_at: null,
    ...over,
  });
  const step = (over: Partial<WorkflowStepView>): WorkflowStepView => ({
    id: 's',
    run_id: 'wr1',
    block_id: 'delete',
    block_type: 'api',
    action: 'vendor_delete',
    status: 'planned',
    saas_user_id: 'su',
    external_id: 'PABC123',
    email: 'a@acme.example.com',
    reason: null,
    detail: { preflight: { exists: true, clear: true, openIncidents: [], schedules: [], escalationPolicies: [] } },
    ...over,
  });

  it('workflows list shows each workflow with its version; --json gives the API objects', async () => {
    handler = () => ({ status: 200, body: { data: [{ id: 'w1', name: 'Delete inactive', type: 'saas_users', status: 'draft', draft_version: 2, active_version: 1, trigger: 'schedule', next_run_at: null }], next_cursor: null } });
    const table = await cli(['workflows', 'list', '--url', base, '--token', 't']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Delete inactive.*saas_users.*draft.*1 \(draft 2\).*schedule/s);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/v1/workflows?limit=100' });
    const json = await cli(['--json', 'workflows', 'list', '--url', base, '--token', 't']);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ id: 'w1', active_version: 1 })]);
  });

  it("workflows plan pages through a dry run's steps and shows each delete's preflight", async () => {
    const blocked = step({ id: 's2', email: 'b@acme.example.com', detail: { preflight: { exists: true, clear: false, openIncidents: [{ id: 'I1' }], schedules: [{ id: 'S1' }, { id: 'S2' }], escalationPolicies: [] } } });
    handler = (_req, url) => {
      if (url.pathname === '/api/v1/workflows/runs/wr1') return { status: 200, body: wfRun() };
      return { status: 200, body: url.searchParams.get('cursor') ? { data: [blocked], next_cursor: null } : { data: [step({ id: 's1' })], next_cursor: 'c2' } };
    };
    const r = await cli(['workflows', 'plan', 'wr1', '--url', base, '--token', 't']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^run wr1: planned, 2 records; 2 vendor deletes among the 2 steps shown/);
    expect(r.out).toMatch(/a@acme\.example\.com.*clear/s);
    expect(r.out).toMatch(/b@acme\.example\.com.*blocked: 1 open incidents, 2 schedules/s);
    expect(seen.map((x) => x.path)).toEqual(['/api/v1/workflows/runs/wr1/plan?limit=100', '/api/v1/workflows/runs/wr1/plan?limit=100&cursor=c2', '/api/v1/workflows/runs/wr1']);
  });

  it("workflows plan of a real run shows the API's 422 plainly", async () => {
    handler = () => ({ status: 422, type: 'application/problem+json', body: { status: 422, code: 'WORKFLOW_RUN_NOT_DRY_RUN', title: 'Unprocessable Entity', detail: 'The run is not a dry run' } });
    const r = await cli(['workflows', 'plan', 'wr1', '--url', base, '--token', 't']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error WORKFLOW_RUN_NOT_DRY_RUN (422): The run is not a dry run');
  });

  it('workflows approve and reject post the decision with its comment; nothing waiting is a 409 with exit 2', async () => {
    handler = (req, url) => ({ status: 200, body: wfRun({ dry_run: false, status: url.pathname.endsWith('/approve') ? 'running' : 'rejected', reason: 'decided' }) });
    const approved = await cli(['workflows', 'approve', 'wr1', '--comment', 'checked the list', '--url', base, '--token', 't']);
    expect(approved.code).toBe(0);
    expect(approved.out).toMatch(/status.*running/s);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/workflows/runs/wr1/approve', body: '{"comment":"checked the list"}' });
    const rejected = await cli(['--json', 'workflows', 'reject', 'wr1', '--url', base, '--token', 't']);
    expect(JSON.parse(rejected.out)).toMatchObject({ id: 'wr1', status: 'rejected' });
    expect(seen[1]).toMatchObject({ method: 'POST', path: '/api/v1/workflows/runs/wr1/reject', body: '{}' });
    handler = () => ({ status: 409, type: 'application/problem+json', body: { status: 409, code: 'CONFLICT', detail: 'The run is completed; nothing waits for a decision' } });
    const conflict = await cli(['workflows', 'approve', 'wr1', '--url', base, '--token', 't']);
    expect(conflict.code).toBe(2);
    expect(conflict.err).toBe('error CONFLICT (409): The run is completed; nothing waits for a decision');
  });

  it('reports export writes the streamed file; a problem writes nothing; a bad --format is refused before any request', async () => {
    const csv = Buffer.from('Account email,App\na@acme.example.com,PagerDuty\n');
    handler = () => ({ status: 200, body: undefined, raw: csv, type: 'text/csv; charset=utf-8' });
    const out = join(mkdtempSync(join(tmpdir(), 'sk-cli-export-')), 'users.csv');
    const r = await cli(['--json', 'reports', 'export', 'rep1', '--format', 'csv', '--out', out, '--url', base, '--token', 't']);
    expect(r.code).toBe(0);
    expect(readFileSync(out)).toEqual(csv);
    expect(JSON.parse(r.out)).toEqual({ report_id: 'rep1', format: 'csv', file: out, bytes: csv.length, content_type: 'text/csv; charset=utf-8' });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/v1/reports/rep1/export?format=csv' });

    handler = () => ({ status: 404, type: 'application/problem+json', body: { status: 404, code: 'NOT_FOUND', detail: 'No report rep2' } });
    const missing = join(mkdtempSync(join(tmpdir(), 'sk-cli-export-')), 'missing.xlsx');
    const notFound = await cli(['reports', 'export', 'rep2', '--format', 'xlsx', '--out', missing, '--url', base, '--token', 't']);
    expect(notFound.code).toBe(2);
    expect(notFound.err).toBe('error NOT_FOUND (404): No report rep2');
    expect(existsSync(missing) || existsSync(`${missing}.part`)).toBe(false);

    seen.length = 0;
    const badFormat = await cli(['reports', 'export', 'rep1', '--format', 'pdf', '--out', out, '--url', base, '--token', 't']);
    expect(badFormat.code).toBe(1);
    expect(badFormat.err).toMatch(/--format.*pdf.*csv, xlsx/s);
    expect(seen).toHaveLength(0);
  });
});
