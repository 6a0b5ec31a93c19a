#!/usr/bin/env node
// The local master key ring for the credential vault: created once (v1, 32 random bytes) in
// .seatkeeper/vault-master-keys with owner-only permissions, then reused, so secrets stored by
// one `npm start` can still be opened by the next. Production supplies its own ring (a mounted
// secret); see apps/credential-vault/README.md for rotation.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function ensureVaultKeyRing(stateDir) {
  const file = join(stateDir, 'vault-master-keys');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `v1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return file;
}

/** The key that signs reporting's share links; kept across restarts so links outlive one `npm start`. */
export function ensureShareLinkKey(stateDir) {
  const file = join(stateDir, 'reporting-share-link-key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return file;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const stateDir = resolve(import.meta.dirname, '..', '..', '.seatkeeper');
  console.log(ensureVaultKeyRing(stateDir));
  console.log(ensureShareLinkKey(stateDir));
}
