import { expectEventually, freePort, workspaceRoot } from '@seatkeeper/testing-infra';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The six services, in the order a platform team would start them (the gateway last). */
export const SERVICE_NAMES = ['credential-vault', 'integration-sync', 'mapping', 'workflow', 'reporting', 'gateway'] as const;
export type StackService = (typeof SERVICE_NAMES)[number];

export interface StackOptions {
  /** A superuser URL of the Postgres to create the stack's database in. */
  postgresAdminUrl: string;
  natsUrl: string;
  /** The stack's NATS subject/stream prefix (e.g. "e2e_ab12."). */
  natsPrefix: string;
  /** Env for every service (e.g. the vault's key ring), and per service. */
  env?: Record<string, string>;
  serviceEnv?: Partial<Record<StackService, Record<string, string>>>;
}

/**
 * The whole Seatkeeper stack as real processes, as `npm start` runs it, but on free ports, its
 * own database and its own NATS prefix, with every service's log kept (for the secret scan) and
 * any service killable and restartable.
 */
export class Stack {
  readonly logDir = mkdtempSync(join(tmpdir(), 'sk-e2e-logs-'));
  readonly database = `sk_e2e_${randomBytes(4).toString('hex')}`;
  gatewayPort = 0;
  private readonly running = new Map<StackService, ChildProcess>();
  private readonly ports = new Map<StackService, number>();
  private readonly logs = new Map<StackService, WriteStream>();

  constructor(readonly options: StackOptions) {}

  get databaseUrl(): string {
    const u = new URL(this.options.postgresAdminUrl);
    u.pathname = `/${this.database}`;
    return u.toString();
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}`;
  }

  logPath(service: StackService): string {
    return join(this.logDir, `${service}.log`);
  }

  /** Creates the database, runs every service's `migrate`, and bootstraps the first admin token. */
  async prepare(): Promise<string> {
    await adminQuery(this.options.postgresAdminUrl, `create database "${this.database}"`);
    await Promise.all(SERVICE_NAMES.map((s) => this.runToEnd(s, ['migrate'])));
    const out = await this.runToEnd('gateway', ['bootstrap-token']);
    const line = out.split('\n').reverse().find((l) => l.includes('"created"'));
    const token = line ? (JSON.parse(line) as { created: boolean; token?: string }).token : undefined;
    if (!token) throw new Error(`gateway bootstrap-token made no token:\n${out}`);
    return token;
  }

  async startAll(): Promise<void> {
    for (const s of SERVICE_NAMES) await this.spawn(s);
    await Promise.all(SERVICE_NAMES.map((s) => this.waitHealthy(s)));
  }

  async start(service: StackService): Promise<void> {
    await this.spawn(service);
    await this.waitHealthy(service);
  }

  /** SIGKILL by default: no graceful shutdown, no outbox flush — the crash a node failure causes. */
  async kill(service: StackService, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.running.get(service);
    if (!child) return;
    this.running.delete(service);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  async restart(service: StackService, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.kill(service, signal);
    await this.start(service);
  }

  isHealthy(service: StackService): Promise<boolean> {
    return fetch(`http://127.0.0.1:${this.ports.get(service)}/health`).then(
      (r) => r.ok,
      () => false,
    );
  }

  async waitHealthy(service: StackService, timeoutMs = 120_000): Promise<void> {
    await expectEventually(
      async () => {
        const child = this.running.get(service);
        if (!child) throw new Error(`${service} is not running`);
        if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}; log: ${this.logPath(service)}`);
        if (!(await this.isHealthy(service))) throw new Error(`${service} not healthy yet`);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  async stop(): Promise<void> {
    await Promise.all(SERVICE_NAMES.map((s) => this.kill(s, 'SIGTERM')));
    await Promise.all([...this.logs.values()].map((log) => new Promise((resolve) => log.end(resolve))));
  }

  async dropDatabase(): Promise<void> {
    await adminQuery(this.options.postgresAdminUrl, `drop database if exists "${this.database}" with (force)`);
  }

  private env(service: StackService, internalPort: number): Record<string, string> {
    return {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.databaseUrl,
      NATS_URL: this.options.natsUrl,
      NATS_SUBJECT_PREFIX: this.options.natsPrefix,
      INTERNAL_PORT: String(internalPort),
      ...(service === 'gateway' ? { HTTP_PORT: String(this.gatewayPort), GATEWAY_RATE_LIMIT_PER_MINUTE: '100000' } : {}),
      ...this.options.env,
      ...this.options.serviceEnv?.[service],
    };
  }

  private async spawn(service: StackService): Promise<void> {
    // Each service keeps its port across restarts, so a restarted one is found where it was.
    const internalPort = this.ports.get(service) ?? (await freePort());
    this.ports.set(service, internalPort);
    if (service === 'gateway' && !this.gatewayPort) this.gatewayPort = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`], {
      cwd: workspaceRoot(),
      env: this.env(service, internalPort),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = this.logs.get(service) ?? createWriteStream(this.logPath(service), { flags: 'a' });
    this.logs.set(service, log);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.running.set(service, child);
  }

  private runToEnd(service: StackService, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`, ...args], {
        cwd: workspaceRoot(),
        env: this.env(service, 0),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${service} ${args.join(' ')} exited with ${code}\n${out}`))));
    });
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
