import {
  SyncConnectorPagerDutyTestCredential,
  VaultCredentialsCreate,
  VaultCredentialsReplaceSecret,
  VaultCredentialsResolve,
  VaultCredentialsTest,
  VaultKeysRotate,
  type CredentialView,
  type ResolvedCredential,
} from '@seatkeeper/contracts';
import {
  createTestDatabase,
  deleteStreamsWithPrefix,
  expectEventually,
  migrationTemplate,
  startPagerDutySimProcess,
  testInfra,
  uniqueNatsPrefix,
  workspaceRoot,
  type PagerDutySimProcess,
  type TestDatabase,
} from '@seatkeeper/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { credentialVaultService } from '../src/service-definition';
import { BusPeer, expectOk, newMasterKey } from './vault-test-kit';

/**
 * The vault as a real process with debug logging: after creating, resolving, testing, replacing
 * and rotating, no plaintext secret (nor an OAuth access token) may appear in a row of the vault
 * schema, in a log line, or in an event.
 */
describe('credential-vault keeps plaintext out of rows, logs and events', () => {
  let db: TestDatabase;
  let sim: PagerDutySimProcess;
  let child: ChildProcess;
  let bus: BusPeer;
  let logs = '';
  let keyFile: string;
  const prefix = uniqueNatsPrefix();

  const SECRETS = {
    apiKey: 'pd-sim-full-access-key',
    replaced: 'plaintext-canary-replaced-7c1d9e',
    basicPassword: 'plaintext-canary-basic-41f0aa',
    oauthClientSecret: 'pd-sim-secret',
  };

  beforeAll(async () => {
    keyFile = join(mkdtempSync(join(tmpdir(), 'vault-keys-')), 'master-keys');
    writeFileSync(keyFile, `v1:${newMasterKey()}\n`);
    db = await createTestDatabase(migrationTemplate(credentialVaultService));
    sim = await startPagerDutySimProcess({ users: 3, rateLimit: 0 });
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/credential-vault/src/main.ts'], {
      cwd: workspaceRoot(),
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        NATS_URL: testInfra().natsUrl,
        NATS_SUBJECT_PREFIX: prefix,
        INTERNAL_PORT: '0',
        LOG_LEVEL: 'debug',
        VAULT_MASTER_KEYS_FILE: keyFile,
        VAULT_ALLOWED_TOKEN_URLS: `${sim.url}/oauth/token`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (logs += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
    await expectEventually(() => expect(logs).toContain('service ready'), { timeoutMs: 45_000 });
    bus = await BusPeer.connect(testInfra().natsUrl, prefix);
  }, 90_000);

  afterAll(async () => {
    await bus?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await sim?.stop();
    await deleteStreamsWithPrefix(testInfra().natsUrl, prefix);
    await db?.drop();
  });

  it('after a full life cycle, scans a row-level dump, the debug logs and every event', async () => {
    const events = bus.collect('vault.credential.>');
    const keyEvents = bus.collect('vault.key-ring.>');
    bus.respond(SyncConnectorPagerDutyTestCredential, async (req) => {
      const r = await bus.request<ResolvedCredential>(VaultCredentialsResolve, { credentialId: req['credentialId'], caller: { service: 'integration-sync', purpose: 'credential-test' } });
      if (!r.ok) return r;
      const res = await fetch(`${sim.url}/users?limit=1`, { headers: r.data.headers });
      return { ok: true, data: { ok: res.ok, status: res.status, message: res.ok ? 'OK' : 'refused' } };
    });
    const create = async (body: Record<string, unknown>) => expectOk(await bus.request<CredentialView>(VaultCredentialsCreate, { actor: 'admin', ...body }));
    const resolve = async (id: string) =>
      expectOk(await bus.request<ResolvedCredential>(VaultCredentialsResolve, { credentialId: id, caller: { service: 'integration-sync', runId: 'r1' } }));

    const api = await create({ name: 'PD key', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret: SECRETS.apiKey });
    const basic = await create({ name: 'Basic', vendor: 'acme', type: 'basic', settings: { basic: { username: 'svc' } }, secret: SECRETS.basicPassword });
    const oauth = await create({
      name: 'PD OAuth',
      vendor: 'pagerduty',
      type: 'oauth2_client_credentials',
      settings: { oauth2: { tokenUrl: `${sim.url}/oauth/token`, clientId: 'pd-sim-client', scopes: ['users.read'] } },
      secret: SECRETS.oauthClientSecret,
    });
    const accessToken = ((await resolve(oauth.id)).headers?.['Authorization'] ?? '').replace('Bearer ', '');
    expect(accessToken.length).toBeGreaterThan(10);
    expect((await resolve(api.id)).headers).toEqual({ Authorization: `Token token=${SECRETS.apiKey}` });
    await resolve(basic.id);
    expect(expectOk(await bus.request<{ ok: boolean }>(VaultCredentialsTest, { id: api.id, actor: 'admin' })).ok).toBe(true);
    const replaced = await create({ name: 'To replace', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret: 'plaintext-canary-original-0a9b8c' });
    expectOk(await bus.request(VaultCredentialsReplaceSecret, { id: replaced.id, actor: 'admin', secret: SECRETS.replaced }));
    appendFileSync(keyFile, `v2:${newMasterKey()}\n`);
    expectOk(await bus.request(VaultKeysRotate, { actor: 'admin', toVersion: 'v2' }));
    expect((await resolve(replaced.id)).headers).toEqual({ Authorization: `Token token=${SECRETS.replaced}` });
    expect((await resolve(api.id)).headers).toEqual({ Authorization: `Token token=${SECRETS.apiKey}` });
    await expectEventually(() => {
      expect(events.length).toBeGreaterThanOrEqual(5);
      expect(keyEvents.length).toBe(1);
    });

    const forbidden = [
      ...Object.values(SECRETS),
      'plaintext-canary-original-0a9b8c',
      accessToken,
      Buffer.from(`svc:${SECRETS.basicPassword}`).toString('base64'),
      ...Object.values(SECRETS).map((s) => Buffer.from(s).toString('base64')),
      ...Object.values(SECRETS).map((s) => Buffer.from(s).toString('hex')),
    ];

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    let dump = '';
    try {
      const tables = await pg.query(`select table_name from information_schema.tables where table_schema = 'vault'`);
      for (const { table_name } of tables.rows as { table_name: string }[]) {
        const rows = await pg.query(`select t::text as row from vault."${table_name}" t`);
        dump += rows.rows.map((r: { row: string }) => r.row).join('\n') + '\n';
      }
    } finally {
      await pg.end();
    }
    // The scan is meaningful: the dump holds the rows, the logs hold debug lines, events were seen.
    expect(dump).toContain('PD OAuth');
    expect(dump).toContain('vault.credential.created.v1');
    expect(logs).toContain('"level":20');
    const haystacks = { dump, logs, events: [...events, ...keyEvents].join('\n') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of forbidden) {
        if (text.includes(secret)) throw new Error(`plaintext found in ${where}: ${secret.slice(0, 4)}…`);
      }
    }
  }, 60_000);
});
