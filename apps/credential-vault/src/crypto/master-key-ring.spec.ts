import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadEnv } from '@seatkeeper/platform-config';
import { CredentialVaultEnv } from '../config/credential-vault.env';
import { keyCheckValue, MasterKeyRing, parseKeyRing } from './master-key-ring';

const key = () => randomBytes(32).toString('base64');

describe(MasterKeyRing.name, () => {
  it('parses the pair list and the JSON form, ordering versions numerically', () => {
    const a = key();
    const b = key();
    expect([...parseKeyRing(`v10:${a}, v2:${b}`).keys()]).toEqual(['v10', 'v2']);
    const ring = new MasterKeyRing({ inline: JSON.stringify({ v10: a, v2: b }) });
    expect(ring.versions()).toEqual(['v2', 'v10']);
    expect(ring.highest()).toBe('v10');
    expect(ring.get('v2')?.toString('base64')).toBe(b);
  });

  it('names the bad version without echoing key material', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseKeyRing(`v1:${short}`)).toThrow(/v1 must decode to 32 bytes/);
    try {
      parseKeyRing(`v1:${short}`);
    } catch (e) {
      expect((e as Error).message).not.toContain(short);
    }
    expect(() => parseKeyRing(`one:${key()}`)).toThrow(/must look like v1/);
    expect(() => parseKeyRing(`v1:${key()},v1:${key()}`)).toThrow(/twice/);
  });

  it('re-reads a mounted file on reload, so a new version can be added without a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-ring-'));
    const file = join(dir, 'keys');
    writeFileSync(file, `v1:${key()}`);
    const ring = new MasterKeyRing({ file });
    expect(ring.versions()).toEqual(['v1']);
    writeFileSync(file, `v1:${key()}\nv2:${key()}`);
    ring.reload();
    expect(ring.versions()).toEqual(['v1', 'v2']);
  });

  it('makes up an ephemeral key only when nothing is configured', () => {
    const ring = new MasterKeyRing({});
    expect(ring.ephemeral).toBe(true);
    expect(ring.versions()).toEqual(['v1']);
  });

  it('gives different check values for different keys', () => {
    expect(keyCheckValue(randomBytes(32))).not.toBe(keyCheckValue(randomBytes(32)));
  });
});

describe('CredentialVaultEnv key ring', () => {
  it('requires a ring in production (env or file) and names the variable without echoing a bad value', () => {
    expect(() => loadEnv(CredentialVaultEnv, { NODE_ENV: 'production' })).toThrow(/VAULT_MASTER_KEYS or VAULT_MASTER_KEYS_FILE is required in production/);
    expect(() => loadEnv(CredentialVaultEnv, { NODE_ENV: 'production', VAULT_MASTER_KEYS_FILE: '/run/secrets/vault_master_keys' })).not.toThrow();
    expect(() => loadEnv(CredentialVaultEnv, { VAULT_MASTER_KEYS: 'v1:c2hvcnQ=' })).toThrow(/v1 must decode to 32 bytes/);
    try {
      loadEnv(CredentialVaultEnv, { VAULT_MASTER_KEYS: 'v1:c2hvcnQ=' });
    } catch (e) {
      expect((e as Error).message).not.toContain('c2hvcnQ=');
    }
    expect(loadEnv(CredentialVaultEnv, {}).VAULT_MASTER_KEYS).toBeUndefined();
  });
});
