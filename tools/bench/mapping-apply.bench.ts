#!/usr/bin/env node
// Benchmark for apps/mapping: N PagerDuty-shaped records (default 100,000) published as
// `sync.batch.fetched.v1` pages of 1,000 plus `sync.run.fetched.v1`, applied by a real mapping
// service (in this process) against real Postgres and NATS. Reports records/s from the first
// page published to `directory.sync.applied` written, and the process's peak RSS and heap.
// Usage: node -r @swc-node/register tools/bench/mapping-apply.bench.ts [--records 100000] [--page 1000]
import 'reflect-metadata';
import { MappingCustomFieldsCreate, MappingDefinitionsPut, SyncBatchFetchedV1, SyncRunFetchedV1 } from '@seatkeeper/contracts';
import { Naming, NatsConnectionHolder, RpcClient } from '@seatkeeper/platform-messaging';
import { startServiceForTest } from '@seatkeeper/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a benchmark drives the real service in-process, as its tests do
import { mappingService } from '../../apps/mapping/src/service-definition';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : dflt;
};
const RECORDS = Number(flag('records', '100000'));
const PAGE = Math.min(1000, Number(flag('page', '1000')));

function record(i: number, pass: number): Record<string, unknown> {
  const id = `PB${String(i).padStart(7, '0')}`;
  return {
    id,
    type: 'user',
    summary: `Bench User${i}`,
    self: `https://api.pagerduty.com/users/${id}`,
    html_url: `https://acme.pagerduty.com/users/${id}`,
    name: `Bench User${i}`,
    email: `bench${i}@bench.example.com`,
    time_zone: 'Europe/Paris',
    role: i % 10 === 0 ? 'admin' : 'limited_user',
    invitation_sent: false,
    job_title: pass === 1 ? 'Engineer' : 'Senior Engineer',
    teams: [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering' }],
    last_sign_in_at: '2026-10-01T08:00:00Z',
    connector_sync_time: '2026-11-28T00:00:00Z',
  };
}

async function main(): Promise<void> {
  const svc = await startServiceForTest(mappingService);
  const pg = new Client({ connectionString: svc.db.url });
  await pg.connect();
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  try {
    const rpc = svc.running.app.get(RpcClient);
    const nats = svc.running.app.get(NatsConnectionHolder);
    const naming = svc.running.app.get(Naming);
    const integrationId = uuidv7();
    await rpc.request(MappingCustomFieldsCreate, { name: 'PagerDuty User ID', type: 'string', unique: true });
    await rpc.request(MappingDefinitionsPut, {
      integrationId,
      vendor: 'pagerduty',
      recordType: 'user_and_saas_user',
      preference: 'create_update',
      deactivateMissing: true,
      syncKeys: ['custom.pagerduty_user_id', 'person.email'],
      mappings: [
        { source: 'email', target: 'person.email', transform: { type: 'lower_case' } },
        { source: 'email', target: 'person.username', transform: { type: 'lower_case' } },
        { source: 'name', target: 'person.fullName', transform: { type: 'trim' } },
        { source: 'name', target: 'person.firstName', transform: { type: 'split_full_name', part: 'first' } },
        { source: 'name', target: 'person.lastName', transform: { type: 'split_full_name', part: 'last' } },
        { source: 'job_title', target: 'person.jobTitle', transform: { type: 'copy' } },
        { target: 'person.directoryRole', transform: { type: 'constant', value: 'member' } },
        { source: 'id', target: 'custom.pagerduty_user_id', transform: { type: 'copy' } },
        { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
        { source: 'role', target: 'saasUser.vendorRole', transform: { type: 'copy' } },
        { source: 'last_sign_in_at', target: 'saasUser.lastActivityAt', transform: { type: 'date' } },
      ],
    });
    const publish = async (subject: string, data: object): Promise<void> => {
      const id = uuidv7();
      const envelope = { id, type: subject, occurredAt: new Date().toISOString(), source: 'bench', correlationId: id, causationId: null, data };
      await nats.js.publish(naming.subject(subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: id });
    };
    const runOnce = async (pass: number): Promise<{ seconds: number; counts: Record<string, number> }> => {
      const runId = uuidv7();
      const t0 = performance.now();
      const pages = Math.ceil(RECORDS / PAGE);
      for (let p = 0; p < pages; p++) {
        const records = Array.from({ length: Math.min(PAGE, RECORDS - p * PAGE) }, (_, j) => record(p * PAGE + j + 1, pass));
        await publish(SyncBatchFetchedV1.subject, { runId, integrationId, vendor: 'pagerduty', seq: p + 1, records });
      }
      await publish(SyncRunFetchedV1.subject, { runId, integrationId, vendor: 'pagerduty', batches: pages, records: RECORDS, complete: true });
      for (;;) {
        const { rows } = await pg.query('select created, updated, unchanged, quarantined from mapping.sync_run where run_id = $1 and finished_at is not null', [runId]);
        if (rows[0]) return { seconds: (performance.now() - t0) / 1000, counts: rows[0] as Record<string, number> };
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const results = [];
    for (const [pass, label] of [
      [1, 'first sync (all created)'],
      [2, 'second sync (all updated)'],
      [2, 'third sync (unchanged)'],
    ] as const) {
      const r = await runOnce(pass);
      results.push({ label, ...r, recordsPerSecond: Math.round(RECORDS / r.seconds) });
      console.error(`${label}: ${r.seconds.toFixed(1)} s, ${Math.round(RECORDS / r.seconds)} records/s`, r.counts);
    }
    const outbox = await pg.query(`select count(*)::int as n from mapping.outbox`);
    console.log(
      JSON.stringify(
        {
          records: RECORDS,
          pageSize: PAGE,
          results,
          outboxRows: outbox.rows[0]?.n,
          peakRssMb: Math.round(peakRss / 2 ** 20),
          peakHeapMb: Math.round(peakHeap / 2 ** 20),
          node: process.version,
          cpus: (await import('node:os')).cpus().length,
        },
        null,
        2,
      ),
    );
  } finally {
    clearInterval(sampler);
    await pg.end();
    await svc.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
