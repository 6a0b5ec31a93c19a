import { freePort } from '@seatkeeper/testing-infra';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries on this machine (Debian layout), or PG_BIN. */
export function postgresBinDir(): string | undefined {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

/**
 * A private Postgres (initdb + pg_ctl on a free port and a temp dir), so a test may stop and
 * restart it — never the shared one. As root it runs as the `postgres` OS user (initdb refuses root).
 */
export class OwnPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'sk-pg-'));
  port = 0;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(private readonly bin: string) {}

  get adminUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    if (this.asRoot) await run('chown', ['postgres:postgres', this.dir]);
    await this.pg('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  }

  async start(): Promise<void> {
    await this.pg('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  }

  /** `fast`: what a rolling restart or a failover does to open connections — they are cut. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async dump(database: string): Promise<string> {
    const { stdout } = await this.pg('pg_dump', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', database], 256 * 1024 * 1024);
    return stdout;
  }

  async dispose(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private pg(tool: string, args: string[], maxBuffer = 16 * 1024 * 1024): Promise<{ stdout: string }> {
    const path = join(this.bin, tool);
    return this.asRoot ? run('runuser', ['-u', 'postgres', '--', path, ...args], { maxBuffer, cwd: tmpdir() }) : run(path, args, { maxBuffer });
  }
}
