import {
  DirectorySaasUsersList,
  MappingDefinitionsPut,
  SyncIntegrationsCreate,
  SyncIntegrationsLaunch,
  SyncRunsGet,
  SyncRunsStart,
  VaultCredentialsCreate,
  WorkflowDefinitionsCreate,
  WorkflowDefinitionsLaunch,
  WorkflowRunsGet,
  WorkflowRunsSteps,
  type CreateWorkflowRequest,
  type SaasUserView,
  type WorkflowRunStatus,
  type WorkflowRunView,
  type WorkflowStepView,
  type WorkflowView,
} from '@seatkeeper/contracts';
import {
  deleteStreamsWithPrefix,
  expectEventually,
  startPagerDutySimProcess,
  startServiceProcess,
  testInfra,
  uniqueNatsPrefix,
  type PagerDutySimProcess,
  type ServiceProcess,
} from '@seatkeeper/testing';
import { Client } from 'pg';
import { Bus } from './bus';
import { WorkflowProcess } from './workflow-process';

export const PD_KEY = 'wf-e2e-key';

/** Quick polls and a short lease, so a killed worker's run is taken over within seconds. */
export const WORKFLOW_ENV: Record<string, string> = {
  WORKFLOW_WORKER_POLL_MS: '200',
  WORKFLOW_RUN_LEASE_MS: '2000',
  WORKFLOW_SCHEDULER_TICK_MS: '200',
};

/** Every service as a process (vault, integration-sync, mapping, workflow) on one bus prefix, and simulators. */
export class Stack {
  readonly sims = new Map<string, PagerDutySimProcess>();
  credentialId = '';

  private constructor(
    readonly bus: Bus,
    readonly services: ServiceProcess[],
    readonly workflow: WorkflowProcess,
  ) {}

  /** `sims`: the simulated PagerDuty accounts, started first: integration-sync only sends credentials to listed base URLs. */
  static async start(sims: { name: string; users: number; seed: number }[]): Promise<Stack> {
    const started = await Promise.all(
      sims.map(async (x) => [x.name, await startPagerDutySimProcess({ users: x.users, seed: x.seed, rateLimit: 0, apiKeys: [PD_KEY], args: ['--subdomain', x.name] })] as const),
    );
    const prefix = uniqueNatsPrefix();
    const bus = await Bus.connect(prefix);
    const rpc = bus.asRpcClient();
    const services = await Promise.all([
      startServiceProcess('credential-vault', { prefix, rpc }),
      startServiceProcess('mapping', { prefix, rpc }),
      startServiceProcess('integration-sync', {
        prefix,
        rpc,
        env: {
          SYNC_ALLOWED_BASE_URLS: started.map(([, x]) => x.url).join(','),
          SYNC_RATE_LIMIT_PER_MINUTE: '0', SYNC_WORKER_POLL_MS: '200', SYNC_SCHEDULER_ENABLED: 'false', SYNC_RETRY_INITIAL_DELAY_MS: '20' },
      }),
    ]);
    const workflow = await WorkflowProcess.start(bus, WORKFLOW_ENV);
    const stack = new Stack(bus, services, workflow);
    for (const [name, x] of started) stack.sims.set(name, x);
    const credential = await bus.request(VaultCredentialsCreate, {
      name: 'PagerDuty (simulator)',
      vendor: 'pagerduty',
      type: 'api_key',
      preset: 'pagerduty_api_key',
      secret: PD_KEY,
      actor: 'admin@example.com',
    });
    stack.credentialId = credential.id;
    return stack;
  }

  async stop(): Promise<void> {
    await this.workflow.stop().catch(() => undefined);
    await Promise.all(this.services.map((s) => s.stop().catch(() => undefined)));
    await Promise.all([...this.sims.values()].map((s) => s.stop()));
    await deleteStreamsWithPrefix(testInfra().natsUrl, this.bus.prefix).catch(() => undefined);
    await this.bus.close();
  }

  /** A cloud integration with the vault credential, not synced (its directory rows are seeded by `seedDirectory`). */
  async bareIntegration(simUrl: string, name: string): Promise<string> {
    const integration = await this.bus.request(SyncIntegrationsCreate, {
      name,
      vendor: 'pagerduty',
      recordType: 'user_and_saas_user',
      installationType: 'cloud',
      credentialId: this.credentialId,
      region: 'us',
      baseUrl: simUrl,
    });
    return integration.id;
  }

  /**
   * Fixture: the directory already holds every user of a simulated account, as a finished sync
   * leaves it (a first sync of 10,000 users through mapping takes ~40 s, which the test budget
   * cannot pay; the sync pipeline is covered by its own tests and by the "beta" account here).
   */
  async seedDirectory(simUrl: string, integrationId: string, users: number): Promise<void> {
    const rows: { id: string; role: string; email: string }[] = [];
    for (let offset = 0; offset < users; offset += 100) {
      const res = await fetch(`${simUrl}/users?limit=100&offset=${offset}`, { headers: { authorization: `Token token=${PD_KEY}`, accept: 'application/vnd.pagerduty+json;version=2' } });
      rows.push(...((await res.json()) as { users: { id: string; role: string; email: string }[] }).users);
    }
    const mapping = this.services[1] as ServiceProcess;
    const c = new Client({ connectionString: mapping.db.url });
    await c.connect();
    try {
      await c.query(
        `insert into mapping.saas_user (id, saas_app_id, integration_id, external_id, email, vendor_role, type, status)
         select gen_random_uuid(), (select id from mapping.saas_app where vendor = 'pagerduty'), $1, t.id, t.email, t.role, 'user', 'active'
         from unnest($2::text[], $3::text[], $4::text[]) as t(id, email, role)`,
        [integrationId, rows.map((r) => r.id), rows.map((r) => r.email.toLowerCase()), rows.map((r) => r.role)],
      );
    } finally {
      await c.end();
    }
  }

  /** A cloud integration with the vault credential and a mapping (email is the sync key), launched. */
  async integration(simUrl: string, name: string): Promise<string> {
    const integration = await this.bus.request(SyncIntegrationsCreate, {
      name,
      vendor: 'pagerduty',
      recordType: 'user_and_saas_user',
      installationType: 'cloud',
      credentialId: this.credentialId,
      region: 'us',
      baseUrl: simUrl,
      extras: { lastSignIn: true },
    });
    await this.bus.request(MappingDefinitionsPut, {
      integrationId: integration.id,
      vendor: 'pagerduty',
      appName: 'PagerDuty',
      recordType: 'user_and_saas_user',
      preference: 'create_update',
      deactivateMissing: false,
      mappings: [
        { source: 'email', target: 'person.email', transform: { type: 'lower_case' } },
        { source: 'email', target: 'person.username', transform: { type: 'lower_case' } },
        { source: 'role', target: 'person.directoryRole', transform: { type: 'constant', value: 'member' } },
        { source: 'name', target: 'person.fullName', transform: { type: 'copy' } },
        { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
        { source: 'role', target: 'saasUser.vendorRole', transform: { type: 'copy' } },
        { source: 'last_sign_in_at', target: 'saasUser.lastActivityAt', transform: { type: 'date' } },
      ],
      syncKeys: ['person.email'],
    } as never);
    await this.bus.request(SyncIntegrationsLaunch, { integrationId: integration.id });
    return integration.id;
  }

  /** Run now, and wait until mapping has applied it (`completed`). */
  async sync(integrationId: string, timeoutMs = 90_000): Promise<void> {
    const run = await this.bus.request(SyncRunsStart, { integrationId });
    await expectEventually(
      async () => {
        const r = await this.bus.request(SyncRunsGet, { runId: run.id });
        if (['failed', 'incomplete', 'cancelled'].includes(r.status)) throw new Error(`sync ended ${r.status}: ${JSON.stringify(r)}`);
        expect(r.status).toBe('completed');
      },
      { timeoutMs, intervalMs: 300 },
    );
  }

  async saasUsers(filter: Record<string, unknown>, status?: SaasUserView['status']): Promise<SaasUserView[]> {
    const out: SaasUserView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bus.request(DirectorySaasUsersList, { filter, limit: 500, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async launched(req: CreateWorkflowRequest): Promise<WorkflowView> {
    const w = await this.bus.request(WorkflowDefinitionsCreate, req);
    return this.bus.request(WorkflowDefinitionsLaunch, { workflowId: w.id });
  }

  async waitRun(runId: string, statuses: WorkflowRunStatus[], timeoutMs = 60_000): Promise<WorkflowRunView> {
    return expectEventually(
      async () => {
        const run = await this.bus.request(WorkflowRunsGet, { runId });
        if (!statuses.includes(run.status)) throw new Error(`run is ${run.status}, waiting for ${statuses.join('|')}: ${JSON.stringify(run)}`);
        return run;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  async steps(runId: string): Promise<WorkflowStepView[]> {
    const out: WorkflowStepView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bus.request(WorkflowRunsSteps, { runId, limit: 500, ...(cursor ? { cursor } : {}) });
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async workflowSql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: this.workflow.db.url });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
}
