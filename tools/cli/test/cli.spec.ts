import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, writeConfig } from '../src/config-store';
import { progressOf, type RunView } from '../src/run-progress';
import { runCli } from '../src/program';

// The CLI against a small HTTP double of the gateway's routes (the real gateway is in
// tools/e2e); what is checked: requests it makes, tables and --json, the config file's
// permissions, and problem+json shown plainly with a non-zero exit.
type Handler = (req: IncomingMessage, url: URL) => { status: number; body: unknown; type?: string };

let server: Server;
let base: string;
let handler: Handler;
const seen: Array<{ method: string; path: string; auth?: string }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ method: req.method ?? '', path: url.pathname + url.search, auth: req.headers.authorization });
    const r = handler(req, url);
    res.writeHead(r.status, { 'content-type': r.type ?? 'application/json' });
    res.end(JSON.stringify(r.body));
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
});
