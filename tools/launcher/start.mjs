#!/usr/bin/env node
// `npm start`: the whole Seatkeeper stack on this machine. Finds (or starts) Postgres and NATS,
// runs every service's migrations, starts the six services and the PagerDuty simulator, waits
// for every /health, prints the gateway URL, and stops everything cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canReachPostgres, canReachTcp, ensureDatabase, natsServerOnPath, startEmbeddedPostgres, startNatsServer } from './infra.mjs';
import { SERVICES, SIMULATOR } from './stack.mjs';
import { ensureShareLinkKey, ensureVaultKeyRing } from './vault-keys.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const stateDir = join(root, '.seatkeeper');
const logDir = join(stateDir, 'logs');
mkdirSync(logDir, { recursive: true });

const started = Date.now();
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

  say('running migrations…');
  const failed = (await Promise.all(SERVICES.map((s) => runToEnd(s.name, ['migrate'], env)))).filter((code) => code !== 0);
  if (failed.length) fail(`migrations failed (see ${logDir})`);
  const adminToken = await bootstrapAdminToken(env);

  if (existsSync(join(root, SIMULATOR.main))) {
    launch(SIMULATOR.name, SIMULATOR.main, ['--port', String(SIMULATOR.port)], env);
    // A credential's test-on-save has no integration (and no base URL) yet: on this local stack it
    // asks the simulator, not api.pagerduty.com.
    env.SYNC_PAGERDUTY_BASE_URL ??= `http://127.0.0.1:${SIMULATOR.port}`;
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
  say(`gateway:   http://127.0.0.1:${port}/api/v1   (OpenAPI: http://127.0.0.1:${port}/api/docs)`);
  if (existsSync(join(root, SIMULATOR.main))) say(`PagerDuty simulator: http://127.0.0.1:${SIMULATOR.port}`);
  if (adminToken) {
    say(`admin token (shown once, keep it): ${adminToken}`);
    say(`  try: curl -H "Authorization: Bearer ${adminToken}" http://127.0.0.1:${port}/api/v1/tokens/current`);
  } else {
    say('an admin token was created at the first start; make more with POST /api/v1/tokens');
  }
  say(`logs: ${logDir}/<service>.log — Ctrl-C stops everything`);
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
  return result.created ? result.token : undefined;
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
