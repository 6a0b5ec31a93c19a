import type { CreateIntegrationRequest, IntegrationView, RunView } from '@seatkeeper/contracts';
import { SyncIntegrationsCreate, SyncRunsGet, SyncRunsStart } from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { expectEventually, testInfra, type ServiceUnderTest } from '@seatkeeper/testing';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
import type { IntegrationSyncEnv } from '../src/config/integration-sync.env';

export type Sync = ServiceUnderTest<IntegrationSyncEnv>;

/** Env for fast tests: quick polls and leases, a short retry back-off. */
export const FAST_ENV: Record<string, string> = {
  SYNC_WORKER_POLL_MS: '200',
  SYNC_SCHEDULER_TICK_MS: '200',
  SYNC_RETRY_INITIAL_DELAY_MS: '20',
  SYNC_RUN_LEASE_MS: '3000',
};

export function rpc(sync: Sync): RpcClient {
  return sync.running.app.get(RpcClient);
}

/** A local integration reading its key from `envVar`, pointed at the simulator. */
export async function createIntegration(sync: Sync, simUrl: string, envVar: string, extra: Partial<CreateIntegrationRequest> = {}): Promise<IntegrationView> {
  return rpc(sync).request(SyncIntegrationsCreate, {
    name: `PagerDuty ${envVar}`,
    vendor: 'pagerduty',
    recordType: 'user_and_saas_user',
    installationType: 'local',
    localSecret: { kind: 'env', name: envVar },
    region: 'us',
    baseUrl: simUrl,
    ...extra,
  });
}

/** Marks an integration active without asking mapping (the tests of launch itself ask a fake mapping). */
export async function activate(sync: Sync, integrationId: string, nextRunAt: Date | null = null): Promise<void> {
  await sql(sync, `update sync.integration set status = 'active', next_run_at = $2 where id = $1`, [integrationId, nextRunAt]);
}

export async function sql<T = Record<string, unknown>>(sync: Sync, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: sync.db.url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Every record id the run put on batch events (from the outbox, which keeps published rows). */
export async function batchRecordIds(sync: Sync, runId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    sync,
    `select r->>'id' as id from sync.outbox o, jsonb_array_elements(o.envelope::jsonb->'data'->'records') r
     where o.subject = 'sync.batch.fetched.v1' and o.envelope::jsonb->'data'->>'runId' = $1`,
    [runId],
  );
  return rows.map((r) => r.id);
}

export async function waitForRun(sync: Sync, runId: string, statuses: string[], timeoutMs: number): Promise<RunView> {
  return expectEventually(
    async () => {
      const run = await rpc(sync).request(SyncRunsGet, { runId });
      expect(statuses).toContain(run.status);
      return run;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/** Answers `mapping.definitions.check` on the test's prefix as a stand-in for the mapping service. */
export async function fakeMapping(prefix: string, answer: { ok: boolean; missing: string[] }): Promise<NatsConnection> {
  return answerOnPrefix(prefix, 'mapping.definitions.check', answer);
}

/** Answers one request subject on the test's prefix with `data`, as a stand-in for another service. */
export async function answerOnPrefix(prefix: string, subject: string, data: unknown): Promise<NatsConnection> {
  const nc = await connect({ servers: testInfra().natsUrl });
  nc.subscribe(`${prefix}${subject}`, {
    callback: (_err, msg) => msg.respond(new TextEncoder().encode(JSON.stringify({ ok: true, data }))),
  });
  await nc.flush();
  return nc;
}

export async function simControl(simUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${simUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Creates a local integration on the simulator, marks it active and queues "run now"; returns the run id. */
export async function startRun(sync: Sync, simUrl: string, envVar: string, extra: Partial<CreateIntegrationRequest> = {}): Promise<{ integrationId: string; runId: string }> {
  const integration = await createIntegration(sync, simUrl, envVar, extra);
  await activate(sync, integration.id);
  const run = await rpc(sync).request(SyncRunsStart, { integrationId: integration.id });
  return { integrationId: integration.id, runId: run.id };
}

/** Pages committed so far by a run (its checkpoints). */
export async function pagesCommitted(sync: Sync, runId: string): Promise<number> {
  const rows = await sql<{ n: number }>(sync, 'select count(*)::int as n from sync.run_page where run_id = $1', [runId]);
  return rows[0]?.n ?? 0;
}
