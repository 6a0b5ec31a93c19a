import { RpcClient } from '@seatkeeper/platform-messaging';
import { expectEventually, startServiceProcess, type ServiceProcess } from '@seatkeeper/testing';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { problemOf, startGateway, type Answer, type GatewayUnderTest } from './support/gateway-harness';

const ROWS = 100_000;
const APP_ID = '0191b7f0-0000-7000-8000-00000000a001';

function ok<T>(answer: Answer, status = 200): T {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.body as T;
}

/** Peak resident set of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/**
 * The reporting routes against a real reporting service (a process on the gateway's bus): views
 * with rules, sort and cursors; bad input as problem+json; a 100,000-row report streamed to CSV and
 * XLSX (parsed back) under 250 MB peak RSS in reporting; share links; a schedule delivering to a webhook.
 */
describe('reporting routes with the reporting service', () => {
  let gw: GatewayUnderTest;
  let reporting: ServiceProcess | undefined;
  let pg: Client;
  let hook: Server | undefined;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  const as = (role: 'admin' | 'operator' | 'viewer') => gw.tokens[role].secret;

  beforeAll(async () => {
    gw = await startGateway();
    reporting = await startServiceProcess('reporting', {
      prefix: gw.service.prefix,
      rpc: gw.service.running.app.get(RpcClient),
      // The heap cap the Helm chart gives reporting (values.yaml heapMb): the exports must fit in it.
      env: { REPORTING_SHARE_LINK_KEY: 's'.repeat(40), REPORTING_SCHEDULER_TICK_MS: '200', NODE_OPTIONS: '--max-old-space-size=128' },
    });
    pg = new Client({ connectionString: reporting.db.url });
    await pg.connect();
    // 100,000 SaaS users seeded straight into the read models (set-based): the export is the subject here.
    await pg.query(`insert into reporting.rm_saas_app values ($1, 'PagerDuty', 'pagerduty', 19.0, 'EUR', 100000, now())`, [APP_ID]);
    await pg.query(
      `insert into reporting.rm_person (person_id, email, full_name, department, employment_status, created_at, updated_at)
       select ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'user' || i || '@bulk.example.com', 'User ' || i,
         case when i % 3 = 0 then 'Support' else 'Engineering' end, case when i % 50 = 0 then 'terminated' else 'active' end, now(), now()
       from generate_series(1, $1) i`,
      [ROWS],
    );
    await pg.query(
      `insert into reporting.rm_saas_user (saas_user_id, saas_app_id, vendor, person_id, external_id, email, vendor_role, status,
         last_activity_at, created_at, updated_at)
       select ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid, $2, 'pagerduty', ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
         'P' || lpad(i::text, 6, '0'), 'user' || i || '@bulk.example.com', case when i % 10 = 0 then 'admin' else 'limited_user' end, 'active',
         case when i % 4 = 0 then null else now() - (i % 400) * interval '1 day' end, now() - interval '200 days', now()
       from generate_series(1, $1) i`,
      [ROWS, APP_ID],
    );
    await pg.query('analyze reporting.rm_saas_user');
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook?.listen(0, '127.0.0.1', resolve));
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => (hook ? hook.close(resolve) : resolve(undefined)));
    await pg?.end();
    await reporting?.stop();
    await gw?.stop();
  });

  it('pages a default view with a narrowing rule and another sort, and refuses bad columns and rules by code', async () => {
    const views = ok<{ data: { id: string; name: string; is_default: boolean }[] }>(await gw.call('GET', '/api/v1/views', { token: as('viewer') })).data;
    expect(views.filter((v) => v.is_default).map((v) => v.name)).toEqual(
      expect.arrayContaining(['PagerDuty users', 'Inactive for 90 days', 'Never signed in', 'Accounts of leavers', 'Roles not entitled']),
    );
    const leavers = views.find((v) => v.name === 'Accounts of leavers') as { id: string };
    const filter = encodeURIComponent(JSON.stringify({ field: 'vendorRole', op: 'eq', value: 'admin' }));
    const path = `/api/v1/views/${leavers.id}/rows?limit=50&sort=email:desc&filter=${filter}`;
    const first = ok<{ data: Record<string, unknown>[]; next_cursor: string }>(await gw.call('GET', path, { token: as('viewer') }));
    // Leavers are every 50th user; admins every 10th: so every 50th, 2,000 in all.
    expect(first.data).toHaveLength(50);
    const second = ok<{ data: Record<string, unknown>[] }>(await gw.call('GET', `${path}&cursor=${first.next_cursor}`, { token: as('viewer') }));
    const emails = [...first.data, ...second.data].map((r) => r['email'] as string);
    expect(emails).toEqual([...emails].sort().reverse());
    expect(new Set(emails).size).toBe(100);
    expect(first.data[0]).toMatchObject({ 'app.name': 'PagerDuty', 'person.employmentStatus': 'terminated', vendorRole: 'admin' });

    const badColumn = problemOf(await gw.call('POST', '/api/v1/views', { token: as('admin'), body: { entity: 'saas_users', name: 'x', columns: ['email', 'nope'] } }));
    expect(badColumn).toMatchObject({ status: 400, code: 'COLUMN_INVALID', errors: [{ field: 'columns.1' }] });
    const badRule = problemOf(
      await gw.call('POST', '/api/v1/views', { token: as('admin'), body: { entity: 'saas_users', name: 'x', columns: ['email'], filter: { field: 'email', op: 'gt', value: 3 } } }),
    );
    expect(badRule).toMatchObject({ status: 400, code: 'RULE_INVALID' });
    expect(badRule.errors?.[0]?.field).toBe('filter.op');
    expect((await gw.call('POST', '/api/v1/views', { token: as('operator'), body: { entity: 'saas_users', name: 'x', columns: ['email'] } })).status).toBe(403);
  }, 60_000);

  it('exports 100,000 SaaS users to CSV and XLSX (parsed back) with reporting under 250 MB peak RSS', async () => {
    const report = ok<{ id: string }>(
      await gw.call('POST', '/api/v1/reports', {
        token: as('admin'),
        body: { entity: 'saas_users', name: 'All PagerDuty users', columns: ['email', 'app.name', 'vendorRole', 'lastActivityAt', 'person.fullName'], sort: { field: 'email', direction: 'asc' } },
      }),
      201,
    );
    const idle = peakRssMb(reporting?.pid as number);
    const t0 = Date.now();
    const csv = await fetch(`${gw.baseUrl}/api/v1/reports/${report.id}/export?format=csv`, { headers: { authorization: `Bearer ${as('viewer')}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="all-pagerduty-users-.*\.csv"/);
    let lines = 0;
    let head = '';
    let tail = '';
    for await (const chunk of Readable.fromWeb(csv.body as never)) {
      const text = (chunk as Buffer).toString('utf8');
      if (!head) head = text.slice(0, 200);
      lines += text.split('\n').length - 1;
      tail = text;
    }
    expect(head.split('\n')[0]).toBe('Account email,App,Vendor role,Last activity,Full name');
    expect(lines).toBe(ROWS + 1);
    expect(tail.trim().split('\n').at(-1)).toMatch(/^user\d+@bulk\.example\.com,PagerDuty,(admin|limited_user),/);

    const t1 = Date.now();
    const xlsx = await fetch(`${gw.baseUrl}/api/v1/reports/${report.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${as('viewer')}` } });
    expect(xlsx.status).toBe(200);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.fromWeb(xlsx.body as never), {});
    let rows = 0;
    let firstData: unknown[] | undefined;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        rows++;
        if (rows === 2) firstData = (row.values as unknown[]).slice(1);
      }
    }
    expect(rows).toBe(ROWS + 1);
    expect(firstData?.slice(0, 2)).toEqual([expect.stringMatching(/^user\d+@bulk\.example\.com$/), 'PagerDuty']);

    const peak = peakRssMb(reporting?.pid as number);
    process.stdout.write(`100k rows: CSV ${t1 - t0} ms, XLSX + parse ${Date.now() - t1} ms; reporting peak RSS ${peak.toFixed(0)} MB (${idle.toFixed(0)} MB before)\n`);
    expect(peak).toBeLessThan(250);
  }, 120_000);

  it('opens a share link without a token until it is revoked; a tampered one is refused', async () => {
    const report = ok<{ id: string }>(
      await gw.call('POST', '/api/v1/reports', {
        token: as('admin'),
        body: { entity: 'saas_users', name: 'Admins by department', columns: ['email'], filter: { field: 'vendorRole', op: 'eq', value: 'admin' }, group_by: 'person.department' },
      }),
      201,
    );
    const link = ok<{ id: string; token: string; path: string }>(await gw.call('POST', `/api/v1/reports/${report.id}/share-links`, { token: as('admin'), body: { expires_in_hours: 24 } }), 201);
    const opened = await gw.call('GET', link.path);
    expect(opened.status).toBe(200);
    expect(opened.text.trim().split('\n')).toEqual(['Department,Count', 'Engineering,6667', 'Support,3333']);
    const tampered = link.token.slice(0, -3) + (link.token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(problemOf(await gw.call('GET', `/api/v1/shared-reports/${tampered}`))).toMatchObject({ status: 404, code: 'SHARE_LINK_INVALID' });
    ok(await gw.call('DELETE', `/api/v1/share-links/${link.id}`, { token: as('admin') }));
    expect(problemOf(await gw.call('GET', link.path))).toMatchObject({ status: 410, code: 'SHARE_LINK_REVOKED' });
  }, 60_000);

  it('delivers a scheduled report to its webhook once per due time and records it', async () => {
    const report = ok<{ id: string }>(
      await gw.call('POST', '/api/v1/reports', {
        token: as('admin'),
        body: { entity: 'saas_users', name: 'Roles', columns: ['email'], group_by: 'vendorRole' },
      }),
      201,
    );
    const url = `http://127.0.0.1:${(hook?.address() as AddressInfo).port}/hook`;
    const bad = problemOf(await gw.call('POST', `/api/v1/reports/${report.id}/schedules`, { token: as('admin'), body: { cron: '0 7 * * 1', time_zone: 'Mars/Olympus', format: 'csv', webhook_url: url } }));
    expect(bad).toMatchObject({ status: 400, code: 'SCHEDULE_INVALID', errors: [{ field: 'time_zone' }] });
    const schedule = ok<{ id: string; next_run_at: string }>(
      await gw.call('POST', `/api/v1/reports/${report.id}/schedules`, { token: as('admin'), body: { cron: '0 7 * * 1', time_zone: 'Europe/Paris', format: 'csv', webhook_url: url } }),
      201,
    );
    expect(new Date(schedule.next_run_at).getUTCDay()).toBe(1);
    // Bring the due time forward instead of waiting for Monday.
    await pg.query(`update reporting.report_schedule set next_run_at = now() - interval '1 second' where id = $1`, [schedule.id]);
    const deliveries = await expectEventually(async () => {
      const d = ok<{ data: { status: string; rows: number; http_status: number }[] }>(await gw.call('GET', `/api/v1/report-schedules/${schedule.id}/deliveries`, { token: as('viewer') })).data;
      expect(d).toEqual([expect.objectContaining({ status: 'delivered', rows: 2, http_status: 204 })]);
      return d;
    }, { timeoutMs: 20_000 });
    expect(deliveries).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.body.trim().split('\n')).toEqual(['Vendor role,Count', 'admin,10000', 'limited_user,90000']);
    expect(received[0]?.headers['x-seatkeeper-report-id']).toBe(report.id);
  }, 60_000);
});
