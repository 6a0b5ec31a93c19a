#!/usr/bin/env node
// `npm start`: the whole Seatkeeper stack on this machine. Finds (or starts) Postgres and NATS,
// runs every service's migrations, starts the six services and the PagerDuty simulator, waits
// for every /health, prints the gateway URL, and stops everything cleanly on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canReachPostgres, canReachTcp, ensureDatabase, natsServerOnPath, startEmbeddedPostgres, startNatsServer } from './infra.mjs';
import { SERVICES, SIMULATOR } from './stack.mjs';
import { ensureShareLinkKey, ensureVaultKeyRing } from './vault-keys.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const stateDir = join(root, '.seatkeeper');
const logDir = join(stateDir, 'logs');
mkdirSync(logDir, { recursive: true });

const started = Date.now();
// `npm start -- --demo` runs the demo again on an install that has data; a first start runs it anyway.
const demoFlag = process.argv.includes('--demo');
const noDemo = process.argv.includes('--no-demo') || process.env.SEATKEEPER_DEMO === 'off';
const tokenFile = join(stateDir, 'admin-token');
const children = [];
const cleanups = [];
const say = (line) => process.stdout.write(`[seatkeeper] ${line}\n`);

async function main() {
  const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  let pgAdmin = adminUrl;
  if (!(await canReachPostgres(adminUrl))) {
    say('no Postgres answers at 127.0.0.1:5432; starting an embedded one (data in .seatkeeper/postgres)');
    const embedded = await startEmbeddedPostgres(stateDir, Number(process.env.EMBEDDED_PG_PORT ?? 54329));
    cleanups.push(embedded.stop);
    pgAdmin = embedded.url;
  }
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const natsAddr = new URL(natsUrl);
  if (!(await canReachTcp(natsAddr.hostname, Number(natsAddr.port || 4222)))) {
    if (!natsServerOnPath()) {
      fail(
        `no NATS answers at ${natsUrl} and nats-server is not on the PATH.\n` +
          '  Install it: apt-get install nats-server | brew install nats-server | docker compose up nats\n' +
          '  or point NATS_URL at a NATS server with JetStream enabled.',
      );
    }
    say(`no NATS answers at ${natsUrl}; starting nats-server -js (store in .seatkeeper/nats)`);
    const nats = await startNatsServer(stateDir, Number(natsAddr.port || 4222));
    cleanups.push(nats.stop);
  }
  const databaseUrl = await ensureDatabase(pgAdmin, process.env.SEATKEEPER_DATABASE ?? 'seatkeeper');
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    NODE_ENV: 'development',
    VAULT_MASTER_KEYS_FILE: process.env.VAULT_MASTER_KEYS_FILE ?? ensureVaultKeyRing(stateDir),
    REPORTING_SHARE_LINK_KEY_FILE: process.env.REPORTING_SHARE_LINK_KEY_FILE ?? ensureShareLinkKey(stateDir),
  };

  ensureConsoleBuilt();
  say('running migrations…');
  const failed = (await Promise.all(SERVICES.map((s) => runToEnd(s.name, ['migrate'], env)))).filter((code) => code !== 0);
  if (failed.length) fail(`migrations failed (see ${logDir})`);
  const adminToken = await bootstrapAdminToken(env);

  if (existsSync(join(root, SIMULATOR.main))) {
    launch(SIMULATOR.name, SIMULATOR.main, ['--port', String(SIMULATOR.port)], env);
    const simulatorUrl = `http://127.0.0.1:${SIMULATOR.port}`;
    // integration-sync sends a credential only to the official PagerDuty hosts and the base URLs
    // listed here: on this local stack, the simulator.
    env.SYNC_ALLOWED_BASE_URLS ??= simulatorUrl;
    // A credential's test-on-save has no integration (and no base URL) yet: on this local stack it
    // asks the simulator, not api.pagerduty.com.
    // With a real account (PAGERDUTY_API_KEY) the test goes to that account's region instead.
    if (process.env.PAGERDUTY_API_KEY) env.SYNC_PAGERDUTY_BASE_URL ??= process.env.PAGERDUTY_REGION === 'eu' ? 'https://api.eu.pagerduty.com' : 'https://api.pagerduty.com';
    else env.SYNC_PAGERDUTY_BASE_URL ??= simulatorUrl;
  }
  for (const s of SERVICES) {
    launch(s.name, serviceMain(s.name), [], {
      ...env,
      INTERNAL_PORT: String(s.internalPort),
      ...(s.httpPort ? { HTTP_PORT: String(process.env.HTTP_PORT ?? s.httpPort) } : {}),
    });
  }
  await Promise.all(SERVICES.map((s) => waitHealthy(s)));
  const gateway = SERVICES.find((s) => s.name === 'gateway');
  const port = process.env.HTTP_PORT ?? gateway.httpPort;
  say(`all ${SERVICES.length} services healthy in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`console:   http://127.0.0.1:${port}/   (sign in with an API token)`);
  say(`gateway:   http://127.0.0.1:${port}/api/v1   (OpenAPI: http://127.0.0.1:${port}/api/docs)`);
  if (existsSync(join(root, SIMULATOR.main))) say(`PagerDuty simulator: http://127.0.0.1:${SIMULATOR.port}`);
  if (adminToken) {
    say(`admin token (shown once, keep it): ${adminToken}`);
    say(`  try: curl -H "Authorization: Bearer ${adminToken}" http://127.0.0.1:${port}/api/v1/tokens/current`);
  } else {
    say('an admin token was created at the first start; make more with POST /api/v1/tokens');
  }
  say(`logs: ${logDir}/<service>.log — Ctrl-C stops everything`);

  // The demo: on an empty install (the admin token was just made), or when asked for.
  const demoToken = adminToken ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!noDemo && (adminToken || demoFlag)) {
    if (!demoToken) say('--demo needs the admin token of the first start (.seatkeeper/admin-token is missing); the demo is skipped');
    else await runDemo({ ...env, SEATKEEPER_URL: `http://127.0.0.1:${port}`, SEATKEEPER_TOKEN: demoToken, SEATKEEPER_SIMULATOR_URL: `http://127.0.0.1:${SIMULATOR.port}` });
  }
}

// The demo drives the gateway's REST API as an admin would (tools/cli/src/demo); a failed demo
// says why and leaves the stack running.
function runDemo(env) {
  return new Promise((done) => {
    const child = spawn(process.execPath, nodeArgs('tools/cli/src/demo/main.ts', []), { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push({ name: 'demo', child, oneShot: true });
    child.on('exit', (code) => {
      if (code !== 0 && !stopping) say('the demo did not finish (see above); the stack keeps running');
      done(code);
    });
  });
}

// The gateway serves the console from its build; build it once when `npm run build` has not.
function ensureConsoleBuilt() {
  if (existsSync(join(root, 'dist', 'apps', 'console', 'index.html'))) return;
  say('building the console (first start)…');
  const built = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) fail('the console did not build (see above)');
}

function serviceMain(name) {
  return `apps/${name}/src/main.ts`;
}

// Services run from source through @swc-node/register: no build step before the first start.
function nodeArgs(main, args) {
  return ['--enable-source-maps', '-r', '@swc-node/register', main, ...args];
}

function runToEnd(name, args, env) {
  return new Promise((done) => {
    const log = createWriteStream(join(logDir, `${name}.migrate.log`));
    const child = spawn(process.execPath, nodeArgs(serviceMain(name), args), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('exit', (code) => done(code ?? 1));
  });
}

// On an empty token table the gateway creates the first admin token and prints it once.
async function bootstrapAdminToken(env) {
  const out = [];
  const child = spawn(process.execPath, nodeArgs(serviceMain('gateway'), ['bootstrap-token']), { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (chunk) => out.push(chunk));
  const code = await new Promise((done) => child.on('exit', done));
  if (code !== 0) fail('could not bootstrap the admin token');
  const line = Buffer.concat(out).toString('utf8').trim().split('\n').reverse().find((l) => l.includes('"created"'));
  const result = line ? JSON.parse(line) : { created: false };
  if (!result.created) return undefined;
  // Kept for `npm start -- --demo` and `npm run cli -- login` on this machine, readable by you alone.
  writeFileSync(tokenFile, `${result.token}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
  return result.token;
}

function launch(name, main, args, env) {
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(process.execPath, nodeArgs(main, args), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('exit', (code, signal) => {
    if (!stopping) fail(`${name} exited (${signal ?? code}); see ${join(logDir, `${name}.log`)}`);
  });
  children.push({ name, child });
}

async function waitHealthy(service, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${service.internalPort}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${service.name} did not become healthy within ${timeoutMs / 1000} s`);
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) await cleanup();
  process.exit(code);
}

function fail(message) {
  process.stderr.write(`[seatkeeper] ${message}\n`);
  void stop(1);
  throw new Error(message);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((e) => {
  if (!stopping) process.stderr.write(`[seatkeeper] ${e.stack ?? e}\n`);
  void stop(1);
});
