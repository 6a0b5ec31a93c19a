import { VaultAccessLogList, VaultCredentialsCreate, VaultCredentialsResolve, type AccessLogPage, type CredentialView, type ResolvedCredential } from '@seatkeeper/contracts';
import { expectEventually, freePort, startServiceForTest, workspaceRoot, type ServiceUnderTest } from '@seatkeeper/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import type { CredentialVaultEnv } from '../src/config/credential-vault.env';
import { credentialVaultService } from '../src/service-definition';
import { BusPeer, expectOk, newMasterKey } from './vault-test-kit';

const USERS = ['gateway', 'credential-vault', 'integration-sync', 'mapping', 'workflow', 'reporting'] as const;
type User = (typeof USERS)[number];

/** nats-server with deploy/nats/nats-server.conf, on a free port, passwords from its environment. */
async function startConfiguredNats(): Promise<{ url: string; passwords: Record<User, string>; stop(): Promise<void> }> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'sk-nats-perm-'));
  const passwords = Object.fromEntries(USERS.map((u) => [u, `pw-${randomBytes(12).toString('hex')}`])) as Record<User, string>;
  const env: NodeJS.ProcessEnv = { ...process.env, NATS_JETSTREAM_STORE_DIR: storeDir };
  for (const u of USERS) env[`NATS_PASSWORD_${u.toUpperCase().replace(/-/g, '_')}`] = passwords[u];
  const child: ChildProcess = spawn(
    process.env['NATS_SERVER_BIN'] ?? 'nats-server',
    ['-c', join(workspaceRoot(), 'deploy/nats/nats-server.conf'), '-a', '127.0.0.1', '-p', String(port)],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = `nats://127.0.0.1:${port}`;
  await expectEventually(async () => {
    const nc = await connect({ servers: url, user: 'gateway', pass: passwords.gateway, reconnect: false, timeout: 500 });
    await nc.close();
  }, { timeoutMs: 10_000 }).catch((e: Error) => {
    child.kill('SIGKILL');
    throw new Error(`nats-server with deploy/nats did not start: ${e.message}\n${stderr}`);
  });
  return {
    url,
    passwords,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

describe('deploy/nats permissions: only integration-sync can resolve', () => {
  let nats: Awaited<ReturnType<typeof startConfiguredNats>>;
  let svc: ServiceUnderTest<CredentialVaultEnv>;
  const peers: BusPeer[] = [];
  const peer = async (user: User) => {
    const p = await BusPeer.connect(nats.url, '', { user, pass: nats.passwords[user] });
    peers.push(p);
    return p;
  };
  let credentialId: string;

  beforeAll(async () => {
    nats = await startConfiguredNats();
    svc = await startServiceForTest(credentialVaultService, {
      NATS_URL: nats.url,
      NATS_USER: 'credential-vault',
      NATS_PASSWORD: nats.passwords['credential-vault'],
      NATS_SUBJECT_PREFIX: '',
      VAULT_MASTER_KEYS: `v1:${newMasterKey()}`,
    });
    const gateway = await peer('gateway');
    credentialId = expectOk(
      await gateway.request<CredentialView>(VaultCredentialsCreate, {
        actor: 'admin',
        name: 'PD',
        vendor: 'pagerduty',
        type: 'api_key',
        preset: 'pagerduty_api_key',
        secret: 'perm-test-secret-0001',
      }),
    ).id;
  }, 60_000);

  afterAll(async () => {
    for (const p of peers) await p.close().catch(() => undefined);
    await svc?.stop();
    await nats?.stop();
  });

  it("answers integration-sync's user", async () => {
    const sync = await peer('integration-sync');
    const reply = await sync.request<ResolvedCredential>(VaultCredentialsResolve, { credentialId, caller: { service: 'integration-sync' } });
    expect(expectOk(reply).headers).toEqual({ Authorization: 'Token token=perm-test-secret-0001' });
  });

  it.each(['workflow', 'gateway', 'mapping', 'reporting'] as const)(
    "refuses %s's user: a permissions violation, no reply, and the vault never sees the request",
    async (user) => {
      const other = await peer(user);
      const errors: string[] = [];
      void (async () => {
        for await (const s of other.nc.status()) if (s.type === 'error') errors.push(String(s.data));
      })();
      // Even when it claims to be integration-sync in the payload.
      const failure = await other
        .request(VaultCredentialsResolve, { credentialId, caller: { service: 'integration-sync', purpose: `spoof-${user}` } }, 1500)
        .then(() => 'answered', (e: Error & { code?: string }) => `${e.code}: ${e.message}`);
      expect(failure).toMatch(/Permissions Violation for Publish to "vault\.credentials\.resolve"/i);
      await expectEventually(() => expect(errors).toContain('PERMISSIONS_VIOLATION'));
      const admin = await peer('gateway');
      const log = expectOk(await admin.request<AccessLogPage>(VaultAccessLogList, { credentialId }));
      expect(log.data.filter((e) => e.purpose === `spoof-${user}`)).toEqual([]);
    },
  );

  it("refuses another user's attempt to listen on vault subjects (impersonating the vault)", async () => {
    const workflow = await peer('workflow');
    const sub = workflow.nc.subscribe('vault.credentials.resolve');
    const ended = (async () => {
      for await (const _ of sub) {
        // a message would mean the impersonation worked
        return 'received';
      }
      return 'closed';
    })();
    await expect(ended).rejects.toThrow(/Permissions Violation for Subscription/i);
  });
});
