import { ProcessStack, FAST_WORKFLOW_ENV, STACK_PD_KEY, deleteStreamsWithPrefix, testInfra, uniqueNatsPrefix, type StackSim } from '@seatkeeper/testing';
import { Client } from 'pg';
import { Bus } from './bus';
import { WorkflowProcess } from './workflow-process';

/**
 * The shared process stack (vault, mapping, integration-sync, simulators) on a bus prefix of its
 * own, and the workflow service as a process this test can SIGKILL and respawn on its database.
 */
export class Stack extends ProcessStack {
  private constructor(
    readonly bus: Bus,
    private workflowProcess?: WorkflowProcess,
  ) {
    super(bus.prefix, bus.asRpcClient(), []);
  }

  get workflow(): WorkflowProcess {
    if (!this.workflowProcess) throw new Error('the workflow process is not started');
    return this.workflowProcess;
  }

  static async start(sims: StackSim[]): Promise<Stack> {
    const stack = new Stack(await Bus.connect(uniqueNatsPrefix()));
    await stack.boot(sims);
    stack.workflowProcess = await WorkflowProcess.start(stack.bus, FAST_WORKFLOW_ENV);
    return stack;
  }

  override async stop(): Promise<void> {
    await this.workflowProcess?.stop().catch(() => undefined);
    await super.stop();
    await deleteStreamsWithPrefix(testInfra().natsUrl, this.bus.prefix).catch(() => undefined);
    await this.bus.close();
  }

  /**
   * Fixture: the directory already holds every user of a simulated account, as a finished sync
   * leaves it (a first sync of 10,000 users through mapping takes ~40 s, which the test budget
   * cannot pay; the sync pipeline is covered by its own tests and by the "beta" account here).
   */
  async seedDirectory(simUrl: string, integrationId: string, users: number): Promise<void> {
    const rows: { id: string; role: string; email: string }[] = [];
    for (let offset = 0; offset < users; offset += 100) {
      const res = await fetch(`${simUrl}/users?limit=100&offset=${offset}`, { headers: { authorization: `Token token=${STACK_PD_KEY}`, accept: 'application/vnd.pagerduty+json;version=2' } });
      rows.push(...((await res.json()) as { users: { id: string; role: string; email: string }[] }).users);
    }
    const c = new Client({ connectionString: this.mapping.db.url });
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
