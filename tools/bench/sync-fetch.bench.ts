/**
 * Benchmark of the PagerDuty connector's full user enumeration (libs/connectors/pagerduty) against
 * the unthrottled simulator: users/s, peak RSS of the fetching process, and how both move from
 * 10,000 to 100,000 users (past 10,000 the enumeration switches to email partitions).
 *
 *   node -r @swc-node/register tools/bench/sync-fetch.bench.ts [--sizes 10000,25000,50000,100000]
 *
 * Each size runs in a fresh child process so that its peak RSS is its own. Records are dropped
 * after counting (the service hands each page to Postgres and forgets it), so memory growth is the
 * connector's own: the id set used for deduplication and the cursor.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { enumerateAllUsers, pagerDutyEgress } from '@seatkeeper/connector-pagerduty';

const KEY = 'bench-key';
const argv = process.argv.slice(2);
const flag = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : dflt;
};

interface Row {
  users: number;
  seconds: number;
  usersPerSecond: number;
  requests: number;
  complete: boolean;
  peakRssMb: number;
  heapUsedMb: number;
}

async function measure(url: string): Promise<void> {
  const t0 = performance.now();
  let records = 0;
  const result = await enumerateAllUsers(
    { region: 'us', baseUrl: url, credential: { kind: 'token', secret: KEY } },
    (page) => {
      records += page.length;
    },
    { rateBudget: { accountLimitPerMinute: 0, share: 1 }, egress: pagerDutyEgress([url]) },
  );
  const seconds = (performance.now() - t0) / 1000;
  const row: Row = {
    users: result.distinct,
    seconds: Math.round(seconds * 100) / 100,
    usersPerSecond: Math.round(records / seconds),
    requests: result.requests,
    complete: result.complete,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
  };
  if (!result.complete) process.stderr.write(`incomplete: ${result.reason}\n`);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

async function startSim(maxUsers: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/pagerduty-sim/src/main.ts', '--port', '0', '--users', String(maxUsers), '--rate-limit', '0', '--api-keys', KEY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`simulator exited (${c})`)));
    lines.on('line', (l) => {
      try {
        const m = JSON.parse(l) as { event?: string; url?: string };
        if (m.event === 'listening' && m.url) resolve(m.url);
      } catch {
        /* not ours */
      }
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function runChild(url: string): Promise<Row> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, '--measure', url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as Row) : reject(new Error(`measure exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (argv[0] === '--measure') return measure(argv[1] as string);
  const sizes = flag('sizes', '10000,25000,50000,100000').split(',').map(Number);
  const sim = await startSim(Math.max(...sizes));
  try {
    const rows: Row[] = [];
    for (const n of sizes) {
      const reset = await fetch(`${sim.url}/_sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ users: n }) });
      if (!reset.ok) throw new Error(`reset failed: ${reset.status}`);
      rows.push(await runChild(sim.url));
      process.stderr.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
    }
    process.stdout.write('| users | seconds | users/s | requests | complete | peak RSS (MB) | heap used (MB) |\n|---:|---:|---:|---:|:-:|---:|---:|\n');
    for (const r of rows) {
      process.stdout.write(`| ${r.users} | ${r.seconds} | ${r.usersPerSecond} | ${r.requests} | ${r.complete ? 'yes' : 'no'} | ${r.peakRssMb} | ${r.heapUsedMb} |\n`);
    }
  } finally {
    sim.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
