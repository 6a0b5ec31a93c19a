/**
 * End-to-end benchmark of a PagerDuty sync: the six services as processes (from source, as
 * `npm start` runs them, or with `--dist` from the bundles the container images run) against real Postgres and NATS JetStream, the simulator unthrottled,
 * driven through the gateway's public API like an admin would.
 *
 *   npm run bench:sync -- [--sizes 10000,50000,100000] [--keep-db] [--dist] [--heap-mb N] [--prof s1,s2] [--cpu-prof s1,s2] [--heap-snapshot s1,s2]
 *
 * Per N, in a fresh database and NATS prefix (so each N's peak RSS and statistics are its own):
 *   1. seeds N simulator users, creates credential → integration → mapping through the gateway;
 *   2. first sync: from `POST /integrations/:id/runs` until `directory.sync.applied.v1` is on the
 *      stream and every person and SaaS user is in the directory;
 *   3. the floor: `COPY` of the same N user objects into twins of the directory tables
 *      (`CREATE TABLE … (LIKE mapping.person INCLUDING ALL)`: the same keys and indexes);
 *   4. a second, unchanged sync: seconds from the last page (`sync.run.fetched.v1`) to
 *      `directory.sync.applied.v1`, directory row writes (pg_stat_user_tables) and directory
 *      events (the DIRECTORY stream's message count) it caused;
 * sampling every service's RSS (`/proc/<pid>/status` VmRSS) every 250 ms, and counting the CPU
 * seconds each service and the database's backends spent in the first sync (`/proc/<pid>/stat`:
 * on two cores, that is where the time goes). Prints one JSON line per N.
 */
import 'reflect-metadata'; // the connector's contracts carry class-transformer decorators
import { enumerateAllUsers, pagerDutyEgress } from '@seatkeeper/connector-pagerduty';
import { expectEventually } from '@seatkeeper/testing-infra';
import { connect, type NatsConnection } from 'nats';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

const ROOT = resolve(__dirname, '..', '..');
const PROFILE_DIR = resolve(ROOT, 'tmp', 'bench-profiles');
const SIM_KEY = 'bench-e2e-key';
const SERVICES = ['credential-vault', 'integration-sync', 'mapping', 'workflow', 'reporting', 'gateway'] as const;
type Service = (typeof SERVICES)[number];
const DIRECTORY_TABLES = ['person', 'person_identity', 'saas_user', 'saas_app', 'quarantined_record'];

const argv = process.argv.slice(2);
const flag = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : dflt;
};
const ADMIN_URL = process.env['DATABASE_ADMIN_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

interface Row {
  users: number;
  firstSyncSeconds: number;
  /** From the run's start until `sync.run.fetched` (the last page fetched): the connector's share. */
  firstSyncFetchedSeconds: number;
  floorCopySeconds: number;
  ratioToFloor: number;
  directoryEventsPerSecond: number;
  firstSyncEvents: number;
  peakRssMb: Record<Service, number>;
  /** CPU seconds (user + system) each service and the bench database's Postgres backends spent in the first sync. */
  firstSyncCpuSeconds: Record<Service | 'postgres' | 'simulator' | 'nats', number>;
  /** CPU time the VM was denied by its hypervisor during the first sync (all cores). */
  firstSyncStealSeconds: number;
  resync: { lastPageToAppliedSeconds: number; totalSeconds: number; directoryRowWrites: number; directoryEvents: number };
  loadAverage: number[];
}

const log = (line: string): void => void process.stderr.write(`[bench:sync] ${line}\n`);
const withDb = (url: string, db: string): string => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
    srv.once('error', fail);
  });
}

/**
 * `--dist` runs the services as they are deployed — the bundles `npm run build` writes to
 * `dist/apps/<service>/main.js` — instead of their TypeScript through swc-node, whose compiler
 * and source maps add to every service's RSS (the RSS target is about the deployed service).
 */
const FROM_DIST = argv.includes('--dist');

function serviceScript(service: Service): string[] {
  if (!FROM_DIST) return [`apps/${service}/src/main.ts`];
  const bundle = `dist/apps/${service}/main.js`;
  if (!existsSync(resolve(ROOT, bundle))) throw new Error(`--dist: ${bundle} is missing; run npm run build first`);
  return [bundle];
}

function node(args: string[], env: Record<string, string>, stdout: 'pipe' | 'ignore' = 'ignore', nodeFlags: string[] = []): ChildProcess {
  // TypeScript sources need the swc-node hook; a bundle runs as deploy/Dockerfile's ENTRYPOINT runs it.
  const register = args[0]?.endsWith('.ts') ? ['-r', '@swc-node/register'] : ['--enable-source-maps'];
  return spawn(process.execPath, [...nodeFlags, ...register, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'pipe'] });
}

async function runToEnd(args: string[], env: Record<string, string>): Promise<string> {
  const child = node(args, env, 'pipe');
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}\n${err.slice(-2000)}`);
  return out;
}

/**
 * `--prof mapping,integration-sync` writes a V8 tick log per named service (`node --prof`, flushed
 * as it runs, so a SIGTERM at the end loses nothing) for `node --prof-process`;
 * `--cpu-prof workflow` a `.cpuprofile` per named service (written when it exits after SIGTERM),
 * whose self times attribute native work (socket writes, GC) to its JavaScript callers.
 */
function profileFlags(service: string): string[] {
  const named = (option: string) => flag(option, '').split(',').filter(Boolean).includes(service);
  const flags: string[] = [];
  // Not SIGUSR2 for the snapshot: Nest's shutdown hooks listen to that one.
  if (named('heap-snapshot')) flags.push('--heapsnapshot-signal=SIGWINCH', `--diagnostic-dir=${PROFILE_DIR}`);
  if (named('cpu-prof')) flags.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${service}.cpuprofile`);
  else if (named('prof')) flags.push('--prof', '--no-logfile-per-isolate', `--logfile=${PROFILE_DIR}/${service}.v8.log`);
  if (flags.length > 0) mkdirSync(PROFILE_DIR, { recursive: true });
  return flags;
}

/**
 * `--heap-mb 192` caps each service's V8 old space (`--max-old-space-size`), as a deployment sized
 * to a container's memory limit would: without a cap V8 lets the heap grow long before it collects.
 */
function heapFlags(): string[] {
  const mb = flag('heap-mb', '');
  return mb ? [`--max-old-space-size=${Number(mb)}`] : [];
}

/** utime + stime of one process, in clock ticks (USER_HZ, 100 on Linux); 0 once it has exited. */
function processTicks(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

const TICKS_PER_SECOND = 100;

/**
 * Ticks this VM's CPUs waited for the hypervisor (field 8 of /proc/stat's `cpu` line): a run
 * beside a busy neighbour is slower for reasons of no process here, so runs are compared with it.
 */
function stealTicks(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
  return Number(fields[8] ?? 0);
}

/** The local nats-server, when it runs on this machine: JetStream's share of the two cores. */
function natsServerPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'nats-server') return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** CPU ticks of the Postgres backends connected to the bench database now, by pid. */
async function backendTicks(pg: Client, dbName: string): Promise<Map<number, number>> {
  const { rows } = await pg.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
  return new Map(rows.map((r) => [r.pid, processTicks(r.pid)]));
}

class Stack {
  readonly children = new Map<Service, ChildProcess>();
  readonly peakRssKb = new Map<Service, number>();
  private sampler?: NodeJS.Timeout;
  gatewayUrl = '';
  token = '';

  constructor(
    readonly env: Record<string, string>,
    readonly dbName: string,
  ) {}

  async start(): Promise<void> {
    await Promise.all(SERVICES.map((s) => runToEnd([...serviceScript(s), 'migrate'], this.env)));
    const boot = await runToEnd([...serviceScript('gateway'), 'bootstrap-token'], this.env);
    const line = boot.trim().split('\n').reverse().find((l) => l.includes('"created"'));
    this.token = (JSON.parse(line ?? '{}') as { token?: string }).token ?? '';
    if (!this.token) throw new Error('no admin token from bootstrap-token');
    const ports = new Map<Service, number>();
    for (const s of SERVICES) ports.set(s, await freePort());
    const httpPort = await freePort();
    for (const s of SERVICES) {
      const child = node(
        serviceScript(s),
        {
          ...this.env,
          INTERNAL_PORT: String(ports.get(s)),
          ...(s === 'gateway' ? { HTTP_PORT: String(httpPort) } : {}),
        },
        'ignore',
        [...profileFlags(s), ...heapFlags()],
      );
      let err = '';
      child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
      child.once('exit', (code, signal) => {
        if (!this.stopping) log(`${s} exited (${signal ?? code}): ${err}`);
      });
      this.children.set(s, child);
    }
    this.gatewayUrl = `http://127.0.0.1:${httpPort}`;
    await Promise.all(SERVICES.map((s) => this.waitHealthy(s, ports.get(s) as number)));
    this.sampler = setInterval(() => this.sample(), 250);
  }

  /**
   * `--heap-snapshot mapping,reporting`: what the named services' heaps hold right after the
   * first sync (`.heapsnapshot` files in tmp/bench-profiles, for Chrome DevTools' Memory tab),
   * taken after the peaks were read (writing a snapshot takes memory of its own).
   */
  async heapSnapshots(): Promise<void> {
    const named = flag('heap-snapshot', '').split(',').filter(Boolean) as Service[];
    if (named.length === 0) return;
    const count = () => (existsSync(PROFILE_DIR) ? readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.heapsnapshot')).length : 0);
    const before = count();
    for (const s of named) this.children.get(s)?.kill('SIGWINCH');
    // A snapshot is written synchronously by the service; its file appears when it is done.
    await expectEventually(async () => {
      if (count() < before + named.length) throw new Error('heap snapshots not written yet');
    }, { timeoutMs: 120_000, intervalMs: 500 });
  }

  /** Clock ticks (user + system) per service process so far. */
  cpuTicks(): Map<Service, number> {
    return new Map([...this.children].map(([s, child]) => [s, processTicks(child.pid as number)]));
  }

  resetPeaks(): void {
    this.peakRssKb.clear();
  }

  private sample(): void {
    for (const [s, child] of this.children) {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        this.peakRssKb.set(s, Math.max(this.peakRssKb.get(s) ?? 0, kb));
      } catch {
        /* exited */
      }
    }
  }

  private async waitHealthy(s: Service, port: number): Promise<void> {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const child = this.children.get(s) as ChildProcess;
      if (child.exitCode !== null) throw new Error(`${s} exited before it was healthy`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(250);
    }
    throw new Error(`${s} not healthy within 180 s`);
  }

  stopping = false;
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sampler);
    await Promise.all(
      [...this.children.values()].map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
  }

  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.gatewayUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 1000)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The simulator's process, whose CPU is reported beside the services'. */
let simPid = 0;

async function startSim(users: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/pagerduty-sim/src/main.ts', '--port', '0', '--users', String(users), '--rate-limit', '0', '--api-keys', SIM_KEY],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((done, fail) => {
    child.once('exit', (c) => fail(new Error(`simulator exited (${c})`)));
    lines.on('line', (l) => {
      try {
        const m = JSON.parse(l) as { event?: string; url?: string };
        if (m.event === 'listening' && m.url) done(m.url);
      } catch {
        /* not a JSON line */
      }
    });
  });
  return { url, child };
}

/** Every user object the simulator serves, fetched as the connector does (for the COPY floor; not timed). */
async function fetchUsers(simUrl: string): Promise<Record<string, unknown>[]> {
  const byId = new Map<string, Record<string, unknown>>();
  await enumerateAllUsers(
    { region: 'us', baseUrl: simUrl, credential: { kind: 'token', secret: SIM_KEY } },
    (page) => {
      for (const u of page) byId.set(u.id, u);
    },
    { rateBudget: { accountLimitPerMinute: 0, share: 1 }, egress: pagerDutyEgress([simUrl]) },
  );
  return [...byId.values()];
}

const MAPPING = {
  vendor: 'pagerduty',
  app_name: 'PagerDuty',
  record_type: 'user_and_saas_user',
  preference: 'create_update',
  deactivate_missing: true,
  mappings: [
    { source: 'email', target: 'person.username', transform: { type: 'lower_case' } },
    { source: 'email', target: 'person.email', transform: { type: 'lower_case' } },
    { source: 'name', target: 'person.fullName', transform: { type: 'copy' } },
    { source: 'job_title', target: 'person.jobTitle', transform: { type: 'copy' } },
    { source: 'time_zone', target: 'person.timeZone', transform: { type: 'copy' } },
    { source: 'role', target: 'person.directoryRole', transform: { type: 'constant', value: 'member' } },
    { source: 'id', target: 'custom.pagerduty_user_id', transform: { type: 'copy' } },
    { source: 'id', target: 'saasUser.externalId', transform: { type: 'copy' } },
    { source: 'role', target: 'saasUser.vendorRole', transform: { type: 'copy' } },
    { source: 'last_sign_in_at', target: 'saasUser.lastActivityAt', transform: { type: 'date' } },
  ],
  sync_keys: ['custom.pagerduty_user_id', 'person.email'],
};

async function directoryWrites(pg: Client): Promise<number> {
  const { rows } = await pg.query<{ n: string }>(
    `select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) as n from pg_stat_user_tables
     where schemaname = 'mapping' and relname = any($1)`,
    [DIRECTORY_TABLES],
  );
  return Number(rows[0]?.n ?? 0);
}

/** pg_stat counters are flushed by each backend now and then: read until two reads a second apart agree. */
/**
 * The directory's write counters once every backend has reported: a backend sends its table
 * statistics at most once a second, and an idle one only after PGSTAT_IDLE_INTERVAL (10 s) —
 * read sooner, the first sync's last writes were counted as the re-sync's (500–1,500 "writes"
 * with 0 events).
 */
async function settledDirectoryWrites(pg: Client): Promise<number> {
  let last = -1;
  for (;;) {
    const now = await directoryWrites(pg);
    if (now === last) return now;
    last = now;
    await sleep(11_000);
  }
}

async function streamMessages(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await nc.jetstreamManager();
  return (await jsm.streams.info(stream)).state.messages;
}

async function copyFloor(pg: Client, users: Record<string, unknown>[]): Promise<number> {
  await pg.query('drop schema if exists bench_floor cascade; create schema bench_floor');
  for (const t of ['person', 'person_identity', 'saas_user']) {
    await pg.query(`create table bench_floor.${t} (like mapping.${t} including all)`);
  }
  const app = randomUUID();
  const integration = randomUUID();
  const ids = users.map(() => randomUUID());
  const esc = (v: unknown): string => (v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n\r]/g, ' '));
  const t0 = performance.now();
  await copyRows(pg, 'bench_floor.person (id, email, username, full_name, job_title, time_zone, directory_role, custom_fields)', function* () {
    for (let i = 0; i < users.length; i++) {
      const u = users[i] as Record<string, unknown>;
      const email = String(u['email']).toLowerCase();
      yield [ids[i], email, email, u['name'], u['job_title'], u['time_zone'], 'member', JSON.stringify({ pagerduty_user_id: u['id'] })].map(esc).join('\t');
    }
  });
  await copyRows(pg, 'bench_floor.person_identity (key_field, key_value, person_id)', function* () {
    for (let i = 0; i < users.length; i++) {
      const u = users[i] as Record<string, unknown>;
      const email = String(u['email']).toLowerCase();
      yield ['person.email', email, ids[i]].map(esc).join('\t');
      yield ['person.username', email, ids[i]].map(esc).join('\t');
      yield ['custom.pagerduty_user_id', u['id'], ids[i]].map(esc).join('\t');
    }
  });
  await copyRows(pg, 'bench_floor.saas_user (id, saas_app_id, integration_id, external_id, person_id, email, vendor_role, last_activity_at)', function* () {
    for (let i = 0; i < users.length; i++) {
      const u = users[i] as Record<string, unknown>;
      yield [randomUUID(), app, integration, u['id'], ids[i], String(u['email']).toLowerCase(), u['role'], u['last_sign_in_at'] ?? null].map(esc).join('\t');
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  await pg.query('drop schema bench_floor cascade');
  return seconds;
}

async function copyRows(pg: Client, target: string, lines: () => Generator<string>): Promise<void> {
  const sink = pg.query(copyFrom(`copy ${target} from stdin`));
  await pipeline(Readable.from((function* () {
    for (const l of lines()) yield `${l}\n`;
  })()), sink);
}

function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Starts a run through the gateway; resolves with the moments `sync.run.fetched` and `directory.sync.applied` were seen. */
async function syncOnce(stack: Stack, nc: NatsConnection, prefix: string, integrationId: string): Promise<{ t0: number; fetchedAt: number; appliedAt: number; applied: Record<string, unknown> }> {
  const fetchedSub = nc.subscribe(`${prefix}sync.run.fetched.v1`);
  const appliedSub = nc.subscribe(`${prefix}directory.sync.applied.v1`);
  const t0 = performance.now();
  const run = await stack.api<{ id: string }>('POST', `/integrations/${integrationId}/runs`);
  const matches = (data: Uint8Array): Record<string, unknown> | null => {
    const env = JSON.parse(new TextDecoder().decode(data)) as { data: Record<string, unknown> };
    return env.data['runId'] === run.id ? env.data : null;
  };
  const fetched = (async () => {
    for await (const m of fetchedSub) if (matches(m.data)) return performance.now();
    throw new Error('subscription closed');
  })();
  const applied = (async () => {
    for await (const m of appliedSub) {
      const data = matches(m.data);
      if (data) return { at: performance.now(), data };
    }
    throw new Error('subscription closed');
  })();
  const [fetchedAt, done] = await Promise.all([fetched, applied]);
  fetchedSub.unsubscribe();
  appliedSub.unsubscribe();
  return { t0, fetchedAt, appliedAt: done.at, applied: done.data };
}

async function measure(n: number, simUrl: string): Promise<Row> {
  const dbName = `bench_sync_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const prefix = `bench${randomBytes(4).toString('hex')}.`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const dbUrl = withDb(ADMIN_URL, dbName);
  const env = {
    DATABASE_URL: dbUrl,
    NATS_URL,
    NATS_SUBJECT_PREFIX: prefix,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    VAULT_MASTER_KEYS: `v1:${randomBytes(32).toString('base64')}`,
    SYNC_PAGERDUTY_BASE_URL: simUrl,
    SYNC_ALLOWED_BASE_URLS: simUrl,
    SYNC_RATE_LIMIT_PER_MINUTE: '0',
  };
  const stack = new Stack(env, dbName);
  const nc = await connect({ servers: NATS_URL });
  const pg = new Client({ connectionString: dbUrl });
  try {
    log(`N=${n}: starting the six services (database ${dbName}, prefix ${prefix})`);
    await stack.start();
    await pg.connect();
    const credential = await stack.api<{ id: string }>('POST', '/credentials', {
      name: 'PagerDuty (bench)',
      vendor: 'pagerduty',
      type: 'api_key',
      preset: 'pagerduty_api_key',
      secret: SIM_KEY,
    });
    const integration = await stack.api<{ id: string }>('POST', '/integrations', {
      name: 'PagerDuty bench',
      vendor: 'pagerduty',
      record_type: 'user_and_saas_user',
      installation_type: 'cloud',
      credential_id: credential.id,
      region: 'us',
      base_url: simUrl,
      extras: { teams: false, licence: true, last_sign_in: true },
    });
    await stack.api('POST', '/mappings/custom-fields', { name: 'PagerDuty User ID', type: 'string', unique: true });
    await stack.api('PUT', `/mappings/${integration.id}`, MAPPING);
    await stack.api('POST', `/integrations/${integration.id}/launch`);

    stack.resetPeaks();
    const directoryStream = `${prefix.replace(/\.$/, '').replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_DIRECTORY`;
    const eventsBefore = await streamMessages(nc, directoryStream).catch(() => 0);
    log(`N=${n}: first sync`);
    const cpuBefore = stack.cpuTicks();
    const pgBefore = await backendTicks(pg, dbName);
    const simBefore = processTicks(simPid);
    const natsPid = natsServerPid();
    const natsBefore = natsPid ? processTicks(natsPid) : 0;
    const stealBefore = stealTicks();
    const first = await syncOnce(stack, nc, prefix, integration.id);
    const cpuAfter = stack.cpuTicks();
    const pgAfter = await backendTicks(pg, dbName);
    const simAfter = processTicks(simPid);
    const natsAfter = natsPid ? processTicks(natsPid) : 0;
    const stealSeconds = round((stealTicks() - stealBefore) / TICKS_PER_SECOND, 1);
    const firstSyncCpuSeconds = {
      ...Object.fromEntries(SERVICES.map((s) => [s, round(((cpuAfter.get(s) ?? 0) - (cpuBefore.get(s) ?? 0)) / TICKS_PER_SECOND, 1)])),
      // Backends opened during the sync count from zero; one closed during it is missed (pools keep theirs open).
      postgres: round([...pgAfter].reduce((sum, [pid, t]) => sum + t - (pgBefore.get(pid) ?? 0), 0) / TICKS_PER_SECOND, 1),
      // Not Seatkeeper's, but it shares the two cores: PagerDuty's side of the work.
      simulator: round((simAfter - simBefore) / TICKS_PER_SECOND, 1),
      // Every stream on the server, so the bench's own few requests too; 0 when NATS runs elsewhere.
      nats: round((natsAfter - natsBefore) / TICKS_PER_SECOND, 1),
    } as Record<Service | 'postgres' | 'simulator' | 'nats', number>;
    const firstSeconds = (first.appliedAt - first.t0) / 1000;
    const { rows: counts } = await pg.query<{ people: string; saas: string }>(
      'select (select count(*) from mapping.person) as people, (select count(*) from mapping.saas_user) as saas',
    );
    if (Number(counts[0]?.people) !== n || Number(counts[0]?.saas) !== n) {
      throw new Error(`directory incomplete after the first sync: ${JSON.stringify(counts[0])}, applied ${JSON.stringify(first.applied)}`);
    }
    const firstEvents = (await streamMessages(nc, directoryStream)) - eventsBefore;
    const peakRssMb = Object.fromEntries(SERVICES.map((s) => [s, Math.round((stack.peakRssKb.get(s) ?? 0) / 1024)])) as Record<Service, number>;
    await stack.heapSnapshots();

    log(`N=${n}: first sync ${firstSeconds.toFixed(1)} s; unchanged re-sync`);
    const writesBefore = await settledDirectoryWrites(pg);
    const eventsBeforeResync = await streamMessages(nc, directoryStream);
    const second = await syncOnce(stack, nc, prefix, integration.id);
    const writesAfter = await settledDirectoryWrites(pg);
    // The run's own directory.sync.applied.v1 is not a directory change.
    const resyncEvents = (await streamMessages(nc, directoryStream)) - eventsBeforeResync - 1;

    log(`N=${n}: COPY floor`);
    const users = await fetchUsers(simUrl);
    if (users.length !== n) throw new Error(`fetched ${users.length} of ${n} users for the floor`);
    const floor = await copyFloor(pg, users);
    return {
      users: n,
      firstSyncSeconds: round(firstSeconds),
      firstSyncFetchedSeconds: round((first.fetchedAt - first.t0) / 1000),
      floorCopySeconds: round(floor),
      ratioToFloor: round(firstSeconds / floor, 1),
      directoryEventsPerSecond: Math.round(firstEvents / firstSeconds),
      firstSyncEvents: firstEvents,
      peakRssMb,
      firstSyncCpuSeconds,
      firstSyncStealSeconds: stealSeconds,
      resync: {
        lastPageToAppliedSeconds: round((second.appliedAt - second.fetchedAt) / 1000),
        totalSeconds: round((second.appliedAt - second.t0) / 1000),
        directoryRowWrites: writesAfter - writesBefore,
        directoryEvents: resyncEvents,
      },
      loadAverage: (await import('node:os')).loadavg().map((l) => round(l, 1)),
    };
  } finally {
    await stack.stop();
    await pg.end().catch(() => undefined);
    const jsm = await nc.jetstreamManager();
    for await (const s of jsm.streams.list()) if (s.config.name.startsWith(prefix.replace(/\.$/, '').replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase() + '_')) await jsm.streams.delete(s.config.name);
    await nc.close();
    if (!argv.includes('--keep-db')) await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main(): Promise<void> {
  const sizes = flag('sizes', '10000,50000,100000').split(',').map(Number);
  const sim = await startSim(Math.max(...sizes));
  simPid = sim.child.pid as number;
  try {
    for (const n of sizes) {
      const reset = await fetch(`${sim.url}/_sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ users: n }) });
      if (!reset.ok) throw new Error(`simulator reset failed: ${reset.status}`);
      const row = await measure(n, sim.url);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    sim.child.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
