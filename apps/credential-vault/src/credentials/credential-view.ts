import type { CredentialView } from '@seatkeeper/contracts';
import type { CredentialRow } from './credential.repository';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** The one way a credential leaves the vault on a read: metadata and a masked hint, never a secret. */
export function toCredentialView(row: CredentialRow): CredentialView {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    description: row.description,
    type: row.type,
    preset: row.preset,
    storage: row.storage,
    settings: row.settings,
    localReference: row.local_reference,
    secretHint: row.secret_hint,
    secretVersion: row.secret_version,
    secretStoredIn:
      row.storage === 'local'
        ? `Not stored in the vault: the runner reads it from ${row.local_reference?.kind === 'file' ? 'the file' : 'the environment variable'} ${row.local_reference?.name}`
        : 'Encrypted in the vault (AES-256-GCM envelope); it cannot be read back',
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    lastTest: row.last_test_at ? { at: iso(row.last_test_at) as string, ok: !!row.last_test_ok, message: row.last_test_message ?? '' } : null,
  };
}
