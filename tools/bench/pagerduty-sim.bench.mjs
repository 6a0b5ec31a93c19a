#!/usr/bin/env node
// Benchmark for tools/pagerduty-sim: RSS after seeding a large account, and requests/s serving
// GET /users?limit=100&offset=… pages to N concurrent keep-alive clients. Loopback only; bounded
// by --duration. Usage:
//   node tools/bench/pagerduty-sim.bench.mjs [--users 1000000] [--duration 10] [--concurrency 16] [--swc] [--cold]
// --cold disables the simulator's JSON caches (--json-cache-size 0): every page is serialised afresh.
// Uses dist/tools/pagerduty-sim/main.js when built (npx nx build pagerduty-sim), else swc-node.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : dflt;
};
const users = Number(flag('users', '1000000'));
const durationS = Math.min(60, Number(flag('duration', '10')));
const concurrency = Number(flag('concurrency', '16'));
const built = join(root, 'dist/tools/pagerduty-sim/main.js');
const useBuilt = existsSync(built) && !argv.includes('--swc');
const KEY = 'bench-key';
const cold = argv.includes('--cold');

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function startSim() {
  const entry = useBuilt ? [built] : ['-r', '@swc-node/register', 'tools/pagerduty-sim/src/main.ts'];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...entry, '--port', '0', '--users', String(users), '--rate-limit', '0', '--api-keys', KEY, ...(cold ? ['--json-cache-size', '0'] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`simulator exited (${c})`)));
    lines.on('line', (l) => {
      try {
        const m = JSON.parse(l);
        if (m.event === 'listening') resolve(m.url);
      } catch {
        /* ignore */
      }
    });
  });
  return { child, url, startMs: Math.round(performance.now() - t0) };
}

function get(agent, url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: `Token token=${KEY}`, Accept: 'application/vnd.pagerduty+json;version=2' } }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = performance.now() + durationS * 1000;
  const latencies = [];
  let ok = 0;
  let errors = 0;
  let bytes = 0;
  let seq = 0;
  const pages = Math.min(100, Math.floor(users / 100)); // offset+limit may not exceed 10,000
  async function client() {
    while (performance.now() < deadline) {
      const offset = (seq++ % Math.max(1, pages)) * 100;
      const t = performance.now();
      try {
        const r = await get(agent, `${url}/users?limit=100&offset=${offset}`);
        if (r.status === 200) ok++;
        else errors++;
        bytes += r.bytes;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 100) / 100;
  return { requests: ok, errors, seconds: Math.round(seconds * 100) / 100, req_per_s: Math.round(ok / seconds), mb_per_s: Math.round(bytes / seconds / 1e6), p50_ms: pct(0.5), p99_ms: pct(0.99) };
}

const { child, url, startMs } = await startSim();
try {
  const rssAfterSeed = rssMb(child.pid);
  const result = await load(url);
  const rssAfterLoad = rssMb(child.pid);
  const summary = {
    runtime: useBuilt ? 'dist (webpack build)' : 'swc-node',
    node: process.version,
    users,
    concurrency,
    caches: cold ? 'off' : 'on',
    startup_ms: startMs,
    rss_mb_after_seed: rssAfterSeed,
    rss_mb_after_load: rssAfterLoad,
    ...result,
    targets: { req_per_s_min: 2000, rss_mb_max: 1024 },
    targets_met: result.req_per_s >= 2000 && Math.max(rssAfterSeed, rssAfterLoad) <= 1024 && result.errors === 0,
  };
  console.log(JSON.stringify(summary));
  process.exitCode = summary.targets_met ? 0 : 1;
} finally {
  child.kill('SIGTERM');
}
