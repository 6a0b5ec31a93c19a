import { systemPing } from '@seatkeeper/contracts';
import { expectEventually, migrationTemplate, createTestDatabase, testInfra, workspaceRoot, type TestDatabase } from '@seatkeeper/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { workflowService } from '../../src/service-definition';
import type { Bus } from './bus';

/**
 * The workflow service as a real process on one database that outlives it, so a test can
 * SIGKILL it mid-run and start it again on the same state.
 */
export class WorkflowProcess {
  private child?: ChildProcess;
  private stderr = '';

  private constructor(
    readonly db: TestDatabase,
    private readonly bus: Bus,
    private readonly env: Record<string, string>,
  ) {}

  static async start(bus: Bus, env: Record<string, string>): Promise<WorkflowProcess> {
    const p = new WorkflowProcess(await createTestDatabase(migrationTemplate(workflowService)), bus, env);
    await p.spawn();
    return p;
  }

  async spawn(): Promise<void> {
    this.stderr = '';
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/workflow/src/main.ts'], {
      cwd: workspaceRoot(),
      env: {
        ...process.env,
        DATABASE_URL: this.db.url,
        NATS_URL: testInfra().natsUrl,
        NATS_SUBJECT_PREFIX: this.bus.prefix,
        INTERNAL_PORT: '0',
        LOG_LEVEL: process.env['WF_DEBUG_LOG'] ? 'warn' : 'silent',
        ...this.env,
      },
      stdio: ['ignore', process.env['WF_DEBUG_LOG'] ? 'pipe' : 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (c: Buffer) => (this.stderr += c.toString()));
    // WF_DEBUG_LOG=<file>: the service's warnings, for a failing run.
    if (process.env['WF_DEBUG_LOG']) child.stdout?.on('data', (c: Buffer) => appendFileSync(process.env['WF_DEBUG_LOG'] as string, c));
    this.child = child;
    await expectEventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`workflow exited with ${child.exitCode}\n${this.stderr}`);
        await this.bus.request(systemPing('workflow'), {}, { timeoutMs: 1000 });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }

  /** No shutdown hooks run: in-flight steps, leases and NATS requests are simply cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await this.db.drop();
  }
}
