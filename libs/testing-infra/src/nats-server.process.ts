import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually';

/**
 * A private nats-server process (the binary on the PATH), for tests that stop and restart NATS
 * without disturbing the shared server other test files use.
 */
export class NatsServerProcess {
  private child?: ChildProcess;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'sk-nats-'));
  port = 0;

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(extraArgs: string[] = []): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.child = spawn(
      process.env['NATS_SERVER_BIN'] ?? 'nats-server',
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...extraArgs],
      { stdio: 'ignore' },
    );
    await expectEventually(() => canConnect(this.port), { timeoutMs: 10_000 });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function canConnect(port: number): Promise<void> {
  const { connect } = await import('nats');
  const nc = await connect({ servers: `nats://127.0.0.1:${port}`, reconnect: false, timeout: 500 });
  await nc.close();
}
