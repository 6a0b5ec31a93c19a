import { systemPing, type ServiceName } from '@seatkeeper/contracts';
import type { RpcClient } from '@seatkeeper/platform-messaging';
import { MESSAGING_TABLES_CHANGES } from '@seatkeeper/platform-persistence';
import {
  createTestDatabase,
  expectEventually,
  testInfra,
  workspaceRoot,
  type TestDatabase,
} from '@seatkeeper/testing-infra';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceProcess {
  db: TestDatabase;
  /** The child's pid, e.g. to read its peak RSS (`VmHWM` in /proc/<pid>/status). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Another service as a real process, for tests of an app that may not import it (no app imports
 * another): its own database migrated by its own `migrate` command (a template per migration
 * list), the caller's bus prefix, and ready once it answers `system.ping.<service>`.
 */
export async function startServiceProcess(
  service: ServiceName,
  options: { prefix: string; rpc: RpcClient; env?: Record<string, string> },
): Promise<ServiceProcess> {
  const main = `apps/${service}/src/main.ts`;
  const db = await createTestDatabase({ key: templateKey(service), migrate: (url) => migrate(main, url) });
  const child = runNode([main], {
    DATABASE_URL: db.url,
    NATS_URL: testInfra().natsUrl,
    NATS_SUBJECT_PREFIX: options.prefix,
    INTERNAL_PORT: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.drop();
  };
  try {
    await expectEventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}\n${stderr}`);
        await options.rpc.request(systemPing(service), {}, { timeoutMs: 1000 });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { db, pid: child.pid, stop };
}

function runNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
    cwd: workspaceRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** The service's own migrate command, as deployments run it. */
function migrate(main: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = runNode([main, 'migrate'], { DATABASE_URL: url, NATS_URL: testInfra().natsUrl, LOG_LEVEL: 'silent' });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${main} migrate exited with ${code}\n${stderr}`))));
  });
}

/**
 * Named after the service's migrations, so a new one builds a new template: its migration files and
 * the messaging tables' changes every service lists without a file of its own.
 */
function templateKey(service: string): string {
  const files = readdirSync(join(workspaceRoot(), `apps/${service}/src/migrations`))
    .filter((f) => /^Migration\d+\w*\.ts$/.test(f))
    .sort();
  const names = [...files, ...MESSAGING_TABLES_CHANGES.map((change) => change.name)].join(',');
  return `${service}-process-${createHash('sha256').update(names).digest('hex').slice(0, 16)}`;
}
