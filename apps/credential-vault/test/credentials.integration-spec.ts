import {
  SyncConnectorPagerDutyTestCredential,
  SyncIntegrationsReferencingCredential,
  VaultAccessLogList,
  VaultCredentialsCreate,
  VaultCredentialsDelete,
  VaultCredentialsGet,
  VaultCredentialsList,
  VaultCredentialsReplaceSecret,
  VaultCredentialsResolve,
  VaultCredentialsTest,
  VaultCredentialsUpdate,
  VaultKeysRotate,
  type AccessLogPage,
  type CredentialPage,
  type CredentialTestResult,
  type CredentialView,
  type MasterKeyRotation,
  type ResolvedCredential,
} from '@seatkeeper/contracts';
import { expectEventually, startPagerDutySimProcess, startServiceForTest, testInfra, type PagerDutySimProcess, type ServiceUnderTest } from '@seatkeeper/testing';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Clock } from '../src/clock';
import type { CredentialVaultEnv } from '../src/config/credential-vault.env';
import { credentialVaultService } from '../src/service-definition';
import { BusPeer, expectError, expectOk, newMasterKey } from './vault-test-kit';

const SYNC_CALLER = { service: 'integration-sync', integrationId: 'int-1', runId: 'run-1', purpose: 'sync-run' };
const PD_KEY = 'pd-sim-full-access-key';

describe('credential-vault (Postgres, NATS, PagerDuty simulator)', () => {
  let svc: ServiceUnderTest<CredentialVaultEnv>;
  let bus: BusPeer;
  let sim: PagerDutySimProcess;
  let db: Client;
  let keyFile: string;

  const create = async (body: Record<string, unknown>) => bus.request<CredentialView>(VaultCredentialsCreate, { actor: 'admin@example.com', ...body });
  const resolve = async (credentialId: string, caller: Record<string, unknown> = SYNC_CALLER) =>
    bus.request<ResolvedCredential>(VaultCredentialsResolve, { credentialId, caller });
  const pdApiKey = (name: string, secret = PD_KEY) => create({ name, vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret });
  const countRows = async (table: string) => Number((await db.query(`select count(*) as n from vault.${table}`)).rows[0].n);

  beforeAll(async () => {
    keyFile = join(mkdtempSync(join(tmpdir(), 'vault-keys-')), 'master-keys');
    writeFileSync(keyFile, `v1:${newMasterKey()}\n`);
    sim = await startPagerDutySimProcess({ users: 5, rateLimit: 0 });
    svc = await startServiceForTest(credentialVaultService, { VAULT_MASTER_KEYS_FILE: keyFile, VAULT_ALLOWED_TOKEN_URLS: `${sim.url}/oauth/token` });
    bus = await BusPeer.connect(testInfra().natsUrl, svc.prefix);
    db = new Client({ connectionString: svc.db.url });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await bus?.close();
    await svc?.stop();
    await sim?.stop();
  });

  afterEach(() => bus.unsubscribeAll());

  it('creates a PagerDuty API key credential, returns only metadata and a hint, and resolves it for integration-sync', async () => {
    const view = expectOk(await pdApiKey('PagerDuty prod', 'u+abcdefghijklmnop-9f3a'));
    expect(view).toMatchObject({
      vendor: 'pagerduty',
      type: 'api_key',
      storage: 'vault',
      secretHint: '••••9f3a',
      secretVersion: 1,
      createdBy: 'admin@example.com',
      settings: { apiKey: { headerName: 'Authorization', valueTemplate: 'Token token={{secret}}' } },
    });
    expect(JSON.stringify(view)).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(expectOk(await bus.request(VaultCredentialsGet, { id: view.id })))).not.toContain('abcdefghijklmnop');

    const resolved = expectOk(await resolve(view.id));
    expect(resolved.headers).toEqual({ Authorization: 'Token token=u+abcdefghijklmnop-9f3a' });
    const got = expectOk(await bus.request<CredentialView>(VaultCredentialsGet, { id: view.id }));
    expect(got.lastUsedAt).not.toBeNull();

    const log = expectOk(await bus.request<AccessLogPage>(VaultAccessLogList, { credentialId: view.id }));
    expect(log.data).toEqual([
      expect.objectContaining({ action: 'resolve', callerService: 'integration-sync', integrationId: 'int-1', runId: 'run-1', outcome: 'granted' }),
    ]);
  });

  it('rotates the master key (a version added to the key file) and resolves as before; the secret ciphertext is untouched', async () => {
    const view = expectOk(await pdApiKey('Before rotation', 'rotation-secret-0001'));
    const before = (await db.query('select ciphertext, wrapped_key, master_key_version from vault.credential_secret where credential_id = $1', [view.id])).rows[0];
    expect(before.master_key_version).toBe('v1');

    appendFileSync(keyFile, `v2:${newMasterKey()}\n`);
    const rotation = expectOk(await bus.request<MasterKeyRotation>(VaultKeysRotate, { actor: 'admin', toVersion: 'v2' }));
    expect(rotation).toMatchObject({ activeVersion: 'v2', fromVersions: ['v1'] });
    expect(rotation.rewrapped).toBe(await countRows('credential_secret'));
    expect(rotation.keys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: 'v1', state: 'retired', wrappedDataKeys: 0 }),
        expect.objectContaining({ version: 'v2', state: 'active' }),
      ]),
    );
    const after = (await db.query('select ciphertext, wrapped_key, master_key_version from vault.credential_secret where credential_id = $1', [view.id])).rows[0];
    expect(after.master_key_version).toBe('v2');
    expect(Buffer.compare(after.ciphertext, before.ciphertext)).toBe(0);
    expect(Buffer.compare(after.wrapped_key, before.wrapped_key)).not.toBe(0);

    expect(expectOk(await resolve(view.id)).headers).toEqual({ Authorization: 'Token token=rotation-secret-0001' });
    const fresh = expectOk(await pdApiKey('After rotation', 'rotation-secret-0002'));
    expect((await db.query('select master_key_version from vault.credential_secret where credential_id = $1', [fresh.id])).rows[0].master_key_version).toBe('v2');

    expect(expectError(await bus.request(VaultKeysRotate, { actor: 'admin', toVersion: 'v9' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'toVersion' })],
    });
    expect(expectError(await bus.request(VaultKeysRotate, { actor: 'admin', toVersion: 'v1' })).code).toBe('CONFLICT');
    // No new key version in the ring: nothing to rotate, so no "rotated" answer and no audit of one.
    const events = async () => Number((await db.query(`select count(*) as n from vault.outbox where subject = 'vault.key-ring.rotated.v1'`)).rows[0].n);
    const rotatedBefore = await events();
    const idle = expectError(await bus.request(VaultKeysRotate, { actor: 'admin' }));
    expect(idle).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('nothing to rotate') });
    expect(await events()).toBe(rotatedBefore);
  });

  it('refuses a tampered ciphertext with a clear error and an access-log entry, never a wrong plaintext', async () => {
    const view = expectOk(await pdApiKey('Tampered', 'tamper-secret-123456'));
    const stored = (await db.query('select ciphertext from vault.credential_secret where credential_id = $1', [view.id])).rows[0].ciphertext as Buffer;
    stored[3] = (stored[3] as number) ^ 0x01;
    await db.query('update vault.credential_secret set ciphertext = $1 where credential_id = $2', [stored, view.id]);
    const error = expectError(await resolve(view.id));
    expect(error.code).toBe('CREDENTIAL_INTEGRITY_FAILED');
    expect(error.message).toMatch(/failed its integrity check/);
    const log = expectOk(await bus.request<AccessLogPage>(VaultAccessLogList, { credentialId: view.id }));
    expect(log.data[0]).toMatchObject({ outcome: 'failed', errorCode: 'CREDENTIAL_INTEGRITY_FAILED', callerService: 'integration-sync' });
    // A tampered wrapped data key blocks a master key rotation (named, logged) instead of being lost by it.
    const wrapped = (await db.query('select wrapped_key from vault.credential_secret where credential_id = $1', [view.id])).rows[0].wrapped_key as Buffer;
    wrapped[0] = (wrapped[0] as number) ^ 0x80;
    await db.query('update vault.credential_secret set wrapped_key = $1 where credential_id = $2', [wrapped, view.id]);
    appendFileSync(keyFile, `v3:${newMasterKey()}\n`);
    const rotation = expectError(await bus.request(VaultKeysRotate, { actor: 'admin', toVersion: 'v3' }));
    expect(rotation).toMatchObject({ code: 'CREDENTIAL_INTEGRITY_FAILED', details: { failures: [expect.objectContaining({ credentialId: view.id })] } });
    const afterRotation = expectOk(await bus.request<AccessLogPage>(VaultAccessLogList, { credentialId: view.id }));
    expect(afterRotation.data[0]).toMatchObject({ action: 'rewrap', outcome: 'failed' });
    await db.query('delete from vault.credential where id = $1', [view.id]);
  });

  it.each([
    ['unknown type', { name: 'x1', vendor: 'pagerduty', type: 'magic', secret: 'abc' }, 'type'],
    ['missing name', { vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret: 'abc' }, 'name'],
    ['missing secret', { name: 'x2', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key' }, 'secret'],
    ['missing oauth settings', { name: 'x3', vendor: 'pagerduty', type: 'oauth2_client_credentials', secret: 'abc' }, 'settings.oauth2'],
    ['missing basic username', { name: 'x4', vendor: 'acme', type: 'basic', secret: 'abc', settings: { basic: {} } }, 'settings.basic.username'],
    [
      'template without the placeholder',
      { name: 'x5', vendor: 'acme', type: 'api_key', secret: 'abc', settings: { apiKey: { headerName: 'X-Api-Key', valueTemplate: 'Token token=' } } },
      'settings.apiKey.valueTemplate',
    ],
    ['a 1 MB secret', { name: 'x6', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret: 'k'.repeat(1_000_000) }, 'secret'],
    [
      'a token URL the vault may not send a client secret to (cloud metadata)',
      { name: 'x8', vendor: 'pagerduty', type: 'oauth2_client_credentials', secret: 'abc', settings: { oauth2: { tokenUrl: 'http://169.254.169.254/latest/meta-data', clientId: 'c', scopes: ['users.read'] } } },
      'settings.oauth2.tokenUrl',
    ],
    ['a secret on a local credential', { name: 'x7', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', storage: 'local', secret: 'abc', localReference: { kind: 'env', name: 'PD' } }, 'secret'],
  ])('refuses bad input (%s) with VALIDATION_FAILED naming the field, and stores nothing', async (_label, body, field) => {
    const [credentials, secrets, outbox] = [await countRows('credential'), await countRows('credential_secret'), await countRows('outbox')];
    const error = expectError(await create(body));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(JSON.stringify(error)).not.toContain('kkkkkkkk');
    expect([await countRows('credential'), await countRows('credential_secret'), await countRows('outbox')]).toEqual([credentials, secrets, outbox]);
  });

  it('answers only integration-sync, and records the refusal', async () => {
    const view = expectOk(await pdApiKey('Only for sync', 'only-sync-secret-0001'));
    const error = expectError(await resolve(view.id, { service: 'workflow', workflowId: 'wf-1' }));
    expect(error.code).toBe('RESOLVE_FORBIDDEN');
    const log = expectOk(await bus.request<AccessLogPage>(VaultAccessLogList, { credentialId: view.id, outcome: 'denied' }));
    expect(log.data[0]).toMatchObject({ callerService: 'workflow', workflowId: 'wf-1', outcome: 'denied' });
    expect(expectError(await resolve('0190f5a4-0000-7000-8000-00000000dead')).code).toBe('NOT_FOUND');
  });

  it('keeps a local credential as a reference only and says so', async () => {
    const view = expectOk(
      await create({ name: 'Runner PD', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', storage: 'local', localReference: { kind: 'env', name: 'PAGERDUTY_TOKEN' } }),
    );
    expect(view).toMatchObject({ storage: 'local', secretHint: null, localReference: { kind: 'env', name: 'PAGERDUTY_TOKEN' } });
    expect(view.secretStoredIn).toMatch(/Not stored in the vault.*PAGERDUTY_TOKEN/);
    expect(Number((await db.query('select count(*) as n from vault.credential_secret where credential_id = $1', [view.id])).rows[0].n)).toBe(0);
    const resolved = expectOk(await resolve(view.id));
    expect(resolved.headers).toBeUndefined();
    expect(resolved.local).toEqual({
      reference: { kind: 'env', name: 'PAGERDUTY_TOKEN' },
      settings: { apiKey: { headerName: 'Authorization', valueTemplate: 'Token token={{secret}}' } },
    });
  });

  it('updates metadata, replaces the secret, lists with a cursor, and emits metadata-only events', async () => {
    const events = bus.collect('vault.credential.>');
    const view = expectOk(await pdApiKey('Rename me', 'replace-secret-old-0001'));
    const renamed = expectOk(await bus.request<CredentialView>(VaultCredentialsUpdate, { id: view.id, actor: 'ops', name: 'Renamed' }));
    expect(renamed).toMatchObject({ name: 'Renamed', updatedBy: 'ops', secretVersion: 1 });
    const replaced = expectOk(await bus.request<CredentialView>(VaultCredentialsReplaceSecret, { id: view.id, actor: 'ops', secret: 'replace-secret-new-0002' }));
    expect(replaced).toMatchObject({ secretVersion: 2, secretHint: '••••0002' });
    expect(expectOk(await resolve(view.id)).headers).toEqual({ Authorization: 'Token token=replace-secret-new-0002' });
    expect(expectError(await bus.request(VaultCredentialsCreate, { actor: 'a', name: 'renamed', vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret: 'x' })).code).toBe('CONFLICT');

    const first = expectOk(await bus.request<CredentialPage>(VaultCredentialsList, { limit: 2 }));
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).not.toBeNull();
    const second = expectOk(await bus.request<CredentialPage>(VaultCredentialsList, { limit: 2, cursor: first.next_cursor }));
    expect(second.data.map((c) => c.id)).not.toContain(first.data[0]?.id);

    await expectEventually(() => {
      const types = events.map((e) => (JSON.parse(e) as { type: string }).type);
      expect(types).toEqual(expect.arrayContaining(['vault.credential.created.v1', 'vault.credential.updated.v1', 'vault.credential.rotated.v1']));
    });
    const mine = events.map((e) => JSON.parse(e) as { data: Record<string, unknown> }).filter((e) => e.data['credentialId'] === view.id);
    for (const e of mine) expect(Object.keys(e.data).sort()).toEqual(expect.arrayContaining(['actor', 'credentialId', 'name', 'secretVersion', 'storage', 'type', 'vendor']));
    expect(events.join('\n')).not.toMatch(/replace-secret-(old|new)/);
  });

  it('refuses to delete while integration-sync is away (503) or reports references (409), then deletes', async () => {
    const view = expectOk(await pdApiKey('Delete me', 'delete-me-secret-0001'));
    expect(expectError(await bus.request(VaultCredentialsDelete, { id: view.id, actor: 'ops' })).code).toBe('SERVICE_UNAVAILABLE');

    let references = [{ kind: 'integration', id: 'int-7', name: 'PagerDuty EU' }];
    bus.respond(SyncIntegrationsReferencingCredential, async (req) => {
      expect(req['credentialId']).toBe(view.id);
      return { ok: true, data: { references } };
    });
    const refused = expectError(await bus.request(VaultCredentialsDelete, { id: view.id, actor: 'ops' }));
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { references } });
    expect(refused.message).toContain('PagerDuty EU');

    references = [];
    expect(expectOk(await bus.request(VaultCredentialsDelete, { id: view.id, actor: 'ops' }))).toEqual({ id: view.id, deleted: true });
    expect(expectError(await bus.request(VaultCredentialsGet, { id: view.id })).code).toBe('NOT_FOUND');
    expect(Number((await db.query('select count(*) as n from vault.credential_secret where credential_id = $1', [view.id])).rows[0].n)).toBe(0);
  });

  it('tests a credential through the connector, which resolves it and calls GET /users?limit=1 on the simulator', async () => {
    // Stands in for integration-sync's handler of the contract (implemented by the sync service).
    bus.respond(SyncConnectorPagerDutyTestCredential, async (req) => {
      const resolved = await bus.request<ResolvedCredential>(VaultCredentialsResolve, {
        credentialId: req['credentialId'],
        caller: { service: 'integration-sync', purpose: 'credential-test' },
      });
      if (!resolved.ok) return resolved;
      const res = await fetch(`${sim.url}/users?limit=1`, { headers: { ...resolved.data.headers, Accept: 'application/vnd.pagerduty+json;version=2' } });
      const body = (await res.json()) as { error?: { message?: string; code?: number } };
      const endpoint = req['region'] === 'eu' ? 'https://api.eu.pagerduty.com' : sim.url;
      return { ok: true, data: res.ok ? { ok: true, status: res.status, message: 'OK', endpoint } : { ok: false, status: res.status, message: body.error?.message ?? `HTTP ${res.status}`, vendorCode: body.error?.code, endpoint } };
    });
    const good = expectOk(await pdApiKey('Test good', PD_KEY));
    expect(expectOk(await bus.request<CredentialTestResult>(VaultCredentialsTest, { id: good.id, actor: 'admin' }))).toMatchObject({ ok: true, status: 200, message: 'OK' });
    // The region the caller names reaches the connector, and the answer says which endpoint answered.
    expect(expectOk(await bus.request<CredentialTestResult>(VaultCredentialsTest, { id: good.id, actor: 'admin', region: 'eu' }))).toMatchObject({
      ok: true,
      endpoint: 'https://api.eu.pagerduty.com',
    });
    const bad = expectOk(await pdApiKey('Test bad', 'not-a-key-the-sim-knows'));
    const failed = expectOk(await bus.request<CredentialTestResult>(VaultCredentialsTest, { id: bad.id, actor: 'admin' }));
    expect(failed).toMatchObject({ ok: false, status: 401 });
    expect(failed.message).not.toContain('not-a-key-the-sim-knows');
    expect(expectOk(await bus.request<CredentialView>(VaultCredentialsGet, { id: bad.id })).lastTest).toMatchObject({ ok: false });
    const log = expectOk(await bus.request<AccessLogPage>(VaultAccessLogList, { credentialId: good.id }));
    expect(log.data[0]).toMatchObject({ purpose: 'credential-test', outcome: 'granted' });
  });

  it('obtains an OAuth token from the token endpoint, reuses it, and renews it near expiry', async () => {
    await fetch(`${sim.url}/_sim/requests`, { method: 'DELETE' });
    const tokenCalls = async () => ((await (await fetch(`${sim.url}/_sim/requests`)).json()) as { by_endpoint: Record<string, number> }).by_endpoint['POST /oauth/token'] ?? 0;
    const view = expectOk(
      await create({
        name: 'PD OAuth',
        vendor: 'pagerduty',
        type: 'oauth2_client_credentials',
        preset: 'pagerduty_oauth',
        settings: { oauth2: { tokenUrl: `${sim.url}/oauth/token`, clientId: 'pd-sim-client', scopes: ['as_account-us.acme', 'users.read'] } },
        secret: 'pd-sim-secret',
      }),
    );
    const first = expectOk(await resolve(view.id));
    expect(first.headers?.['Authorization']).toMatch(/^Bearer pdus\+_/);
    const users = await fetch(`${sim.url}/users?limit=1`, { headers: { Authorization: first.headers?.['Authorization'] as string } });
    expect(users.status).toBe(200);
    const second = expectOk(await resolve(view.id));
    expect(second.headers).toEqual(first.headers);
    expect(await tokenCalls()).toBe(1);

    // Move the vault's clock to 4 minutes before expiry (renewal margin: 5 minutes).
    const clock = svc.running.app.get(Clock);
    const expiresAt = Date.parse(first.expiresAt as string);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(expiresAt - 4 * 60_000);
    try {
      const renewed = expectOk(await resolve(view.id));
      expect(renewed.headers).not.toEqual(first.headers);
      expect(await tokenCalls()).toBe(2);
      expect(expectOk(await resolve(view.id)).headers).toEqual(renewed.headers);
      expect(await tokenCalls()).toBe(2);
    } finally {
      spy.mockRestore();
    }

    const wrong = expectOk(
      await create({
        name: 'PD OAuth wrong',
        vendor: 'pagerduty',
        type: 'oauth2_client_credentials',
        settings: { oauth2: { tokenUrl: `${sim.url}/oauth/token`, clientId: 'pd-sim-client', scopes: ['users.read'] } },
        secret: 'wrong-client-secret',
      }),
    );
    const error = expectError(await resolve(wrong.id));
    expect(error).toMatchObject({ code: 'OAUTH_TOKEN_FAILED' });
    expect(error.message).toContain('invalid_client');
  });
});
