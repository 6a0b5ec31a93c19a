#!/usr/bin/env node
// Benchmark for apps/reporting through the gateway: a filtered, sorted page of 50 SaaS users out
// of N (default 100,000) — `GET /api/v1/views/:id/rows?limit=50` of a view with a rule and a sort —
// at a fixed rate (default 500 requests/s) with autocannon, beside the gateway's own ceiling in
// the same run: an authenticated request the gateway answers itself (400 from the UUID pipe, no
// backend call) as fast as it can. The gateway runs in this process, reporting as its own process,
// against real Postgres and NATS. Prints one JSON line.
// Usage: node -r @swc-node/register tools/bench/reporting-page.bench.ts [--rows 100000] [--rate 500] [--seconds 20]
import 'reflect-metadata';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { startServiceForTest, startServiceProcess } from '@seatkeeper/testing';
import autocannon from 'autocannon';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a benchmark drives the real gateway in-process, as its tests do
import { ApiTokenService } from '../../apps/gateway/src/auth/api-token.service';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { gatewayService } from '../../apps/gateway/src/service-definition';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : dflt;
};
const ROWS = Number(flag('rows', '100000'));
const RATE = Number(flag('rate', '500'));
const SECONDS = Number(flag('seconds', '20'));

interface Run {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, token: string, rate?: number, seconds = SECONDS, expect2xx = true): Promise<Run> {
  const result = await autocannon({
    url,
    connections: 32,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    ...(rate ? { overallRate: rate } : {}),
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: expect2xx ? result.non2xx : 0,
  };
}

async function main(): Promise<void> {
  const gw = await startServiceForTest(gatewayService, { GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000' });
  const reporting = await startServiceProcess('reporting', { prefix: gw.prefix, rpc: gw.running.app.get(RpcClient) });
  const pg = new Client({ connectionString: reporting.db.url });
  await pg.connect();
  try {
    await pg.query(
      `insert into reporting.rm_person (person_id, email, full_name, employment_status, created_at, updated_at)
       select ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'user' || i || '@bench.example.com', 'User ' || i,
         case when i % 50 = 0 then 'terminated' else 'active' end, now(), now() from generate_series(1, $1) i`,
      [ROWS],
    );
    await pg.query(
      `insert into reporting.rm_saas_user (saas_user_id, saas_app_id, vendor, person_id, external_id, email, vendor_role, status,
         last_activity_at, created_at, updated_at)
       select ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid, '0191b7f0-0000-7000-8000-00000000a001', 'pagerduty',
         ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'P' || lpad(i::text, 7, '0'), 'user' || i || '@bench.example.com',
         case when i % 10 = 0 then 'admin' else 'limited_user' end, case when i % 20 = 0 then 'deactivated' else 'active' end,
         case when i % 4 = 0 then null else now() - (i % 400) * interval '1 day' end, now() - interval '200 days', now()
       from generate_series(1, $1) i`,
      [ROWS],
    );
    await pg.query('analyze');
    const { secret } = await gw.running.app.get(ApiTokenService).issue('bench', 'viewer', null);
    const view = await gw.running.app.get(RpcClient).request(
      // The "filtered, sorted page": active limited users, most recently active first.
      (await import('@seatkeeper/contracts')).ReportingViewsCreate,
      {
        entity: 'saas_users',
        name: 'bench',
        columns: ['email', 'vendorRole', 'status', 'lastActivityAt', 'person.fullName', 'person.employmentStatus'],
        filter: { all: [{ field: 'status', op: 'eq', value: 'active' }, { field: 'vendorRole', op: 'eq', value: 'limited_user' }] },
        sort: { field: 'lastActivityAt', direction: 'desc' },
      },
    );
    const base = gw.publicUrl as string;
    const pageUrl = `${base}/api/v1/views/${view.id}/rows?limit=50`;
    const check = await fetch(pageUrl, { headers: { authorization: `Bearer ${secret}` } });
    const body = (await check.json()) as { data: unknown[] };
    if (check.status !== 200 || body.data.length !== 50) throw new Error(`page check failed: ${check.status}`);
    await load(pageUrl, secret, RATE, 3); // warm-up
    const ceiling = await load(`${base}/api/v1/views/not-a-uuid/rows`, secret, undefined, Math.min(SECONDS, 10), false);
    const page = await load(pageUrl, secret, RATE);
    process.stdout.write(`${JSON.stringify({ bench: 'reporting-page', rows: ROWS, rate: RATE, seconds: SECONDS, page, gatewayCeiling: ceiling })}\n`);
  } finally {
    await pg.end();
    await reporting.stop();
    await gw.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
