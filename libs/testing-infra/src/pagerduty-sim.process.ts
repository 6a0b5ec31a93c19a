import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface PagerDutySimProcessOptions {
  seed?: number;
  users?: number;
  /** Requests per key per minute; 0 turns rate limiting off. */
  rateLimit?: number;
  apiKeys?: string[];
  readOnlyKeys?: string[];
  /** Extra CLI flags for the simulator. */
  args?: string[];
  /** How long to wait for the listening line (default 30 s: swc compiles on first start). */
  startTimeoutMs?: number;
}

export interface PagerDutySimProcess {
  url: string;
  stop(): Promise<void>;
}

/** The directory holding nx.json, searched upwards from here. */
function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`nx.json not found above ${from}`);
    dir = up;
  }
  return dir;
}

/**
 * Runs the PagerDuty simulator (tools/pagerduty-sim) as a child process, for integration tests of
 * other services. Spawned rather than imported, so libs never depend on tools.
 */
export async function startPagerDutySimProcess(opts: PagerDutySimProcessOptions = {}): Promise<PagerDutySimProcess> {
  const args = ['-r', '@swc-node/register', 'tools/pagerduty-sim/src/main.ts', '--port', '0'];
  if (opts.seed !== undefined) args.push('--seed', String(opts.seed));
  if (opts.users !== undefined) args.push('--users', String(opts.users));
  if (opts.rateLimit !== undefined) args.push('--rate-limit', String(opts.rateLimit));
  if (opts.apiKeys) args.push('--api-keys', opts.apiKeys.join(','));
  if (opts.readOnlyKeys) args.push('--read-only-keys', opts.readOnlyKeys.join(','));
  args.push(...(opts.args ?? []));
  const child = spawn(process.execPath, args, { cwd: workspaceRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await waitForListening(child, opts.startTimeoutMs ?? 30_000, () => stderr);
  return { url, stop: () => stopChild(child) };
}

function waitForListening(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const fail = (why: string): void => {
      clearTimeout(timer);
      lines.close();
      child.kill('SIGKILL');
      reject(new Error(`pagerduty-sim ${why}\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code) => fail(`exited with code ${code} before listening`));
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; url?: string };
        if (msg.event === 'listening' && msg.url) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          lines.close();
          resolve(msg.url);
        }
      } catch {
        // not our JSON line; keep waiting
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
