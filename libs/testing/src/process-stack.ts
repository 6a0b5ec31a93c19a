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
import type { RpcClient } from '@seatkeeper/platform-messaging';
import { expectEventually, startPagerDutySimProcess, type PagerDutySimProcess } from '@seatkeeper/testing-infra';
import { startServiceProcess, type ServiceProcess } from './service-process';

/** The API key every simulated account of a stack accepts (and the vault credential holds). */
export const STACK_PD_KEY = 'wf-e2e-key';

/** Quick polls and a short lease, so a workflow process under test runs (and takes over) within seconds. */
export const FAST_WORKFLOW_ENV: Record<string, string> = {
  WORKFLOW_WORKER_POLL_MS: '200',
  WORKFLOW_RUN_LEASE_MS: '2000',
  WORKFLOW_SCHEDULER_TICK_MS: '200',
};

export interface StackSim {
  name: string;
  users: number;
  seed: number;
}

/**
 * The sync side of the platform as processes on the caller's bus prefix — credential-vault,
 * mapping and integration-sync — with simulated PagerDuty accounts and a vault credential for
 * them, plus the request-reply steps a test drives them with (integrate, sync, read the
 * directory, launch and follow workflows). The workflow service is the caller's to start (the
 * workflow tests need to SIGKILL and respawn it; others start it with `startServiceProcess`).
 */
export class ProcessStack {
  readonly sims = new Map<string, PagerDutySimProcess>();
  credentialId = '';

  protected constructor(
    readonly prefix: string,
    readonly rpc: RpcClient,
    readonly services: ServiceProcess[],
  ) {}

  /** `sims` are started first: integration-sync only sends credentials to listed base URLs. */
  static async startOn(options: { prefix: string; rpc: RpcClient; sims: StackSim[] }): Promise<ProcessStack> {
    const stack = new ProcessStack(options.prefix, options.rpc, []);
    await stack.boot(options.sims);
    return stack;
  }

  protected async boot(sims: StackSim[]): Promise<void> {
    const started = await Promise.all(
      sims.map(async (x) => [x.name, await startPagerDutySimProcess({ users: x.users, seed: x.seed, rateLimit: 0, apiKeys: [STACK_PD_KEY], args: ['--subdomain', x.name] })] as const),
    );
    for (const [name, x] of started) this.sims.set(name, x);
    const { prefix, rpc } = this;
    this.services.push(
      ...(await Promise.all([
        startServiceProcess('credential-vault', { prefix, rpc }),
        startServiceProcess('mapping', { prefix, rpc }),
        startServiceProcess('integration-sync', {
          prefix,
          rpc,
          env: {
            SYNC_ALLOWED_BASE_URLS: started.map(([, x]) => x.url).join(','),
            SYNC_RATE_LIMIT_PER_MINUTE: '0', SYNC_WORKER_POLL_MS: '200', SYNC_SCHEDULER_ENABLED: 'false', SYNC_RETRY_INITIAL_DELAY_MS: '20' },
        }),
      ])),
    );
    const credential = await rpc.request(VaultCredentialsCreate, {
      name: 'PagerDuty (simulator)',
      vendor: 'pagerduty',
      type: 'api_key',
      preset: 'pagerduty_api_key',
      secret: STACK_PD_KEY,
      actor: 'admin@example.com',
    });
    this.credentialId = credential.id;
  }

  /** mapping's process (e.g. to seed its directory the way a finished sync leaves it). */
  get mapping(): ServiceProcess {
    return this.services[1] as ServiceProcess;
  }

  sim(name: string): PagerDutySimProcess {
    const s = this.sims.get(name);
    if (!s) throw new Error(`no simulated account ${name}`);
    return s;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop().catch(() => undefined)));
    await Promise.all([...this.sims.values()].map((s) => s.stop()));
  }

  /** A cloud integration with the vault credential, not synced and without a mapping. */
  async bareIntegration(simUrl: string, name: string, extras?: { lastSignIn: boolean }): Promise<string> {
    const integration = await this.rpc.request(SyncIntegrationsCreate, {
      name,
      vendor: 'pagerduty',
      recordType: 'user_and_saas_user',
      installationType: 'cloud',
      credentialId: this.credentialId,
      region: 'us',
      baseUrl: simUrl,
      ...(extras ? { extras } : {}),
    });
    return integration.id;
  }

  /** A cloud integration with the vault credential and a mapping (email is the sync key; everyone a `member`), launched. */
  async integration(simUrl: string, name: string): Promise<string> {
    const integrationId = await this.bareIntegration(simUrl, name, { lastSignIn: true });
    await this.rpc.request(MappingDefinitionsPut, {
      integrationId,
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
    await this.rpc.request(SyncIntegrationsLaunch, { integrationId });
    return integrationId;
  }

  /** Run now, and wait until mapping has applied it (`completed`); returns the run's id. */
  async sync(integrationId: string, timeoutMs = 90_000): Promise<string> {
    const run = await this.rpc.request(SyncRunsStart, { integrationId });
    await expectEventually(
      async () => {
        const r = await this.rpc.request(SyncRunsGet, { runId: run.id });
        if (['failed', 'incomplete', 'cancelled'].includes(r.status)) throw new Error(`sync ended ${r.status}: ${JSON.stringify(r)}`);
        expect(r.status).toBe('completed');
      },
      { timeoutMs, intervalMs: 300 },
    );
    return run.id;
  }

  /** The directory's SaaS users (mapping's answer), every page. */
  async saasUsers(filter: Record<string, unknown>, status?: SaasUserView['status']): Promise<SaasUserView[]> {
    const out: SaasUserView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.rpc.request(DirectorySaasUsersList, { filter, limit: 500, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async launched(req: CreateWorkflowRequest): Promise<WorkflowView> {
    const w = await this.rpc.request(WorkflowDefinitionsCreate, req);
    return this.rpc.request(WorkflowDefinitionsLaunch, { workflowId: w.id });
  }

  async waitRun(runId: string, statuses: WorkflowRunStatus[], timeoutMs = 60_000): Promise<WorkflowRunView> {
    return expectEventually(
      async () => {
        const run = await this.rpc.request(WorkflowRunsGet, { runId });
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
      const page = await this.rpc.request(WorkflowRunsSteps, { runId, limit: 500, ...(cursor ? { cursor } : {}) });
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }
}
