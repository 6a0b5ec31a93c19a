import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialPreset, CredentialStorage, CredentialType, CredentialView } from '@seatkeeper/contracts';
import type { SealedSecret } from '../crypto/envelope-cipher';

export type CredentialSettings = CredentialView['settings'];
export type LocalReference = NonNullable<CredentialView['localReference']>;

export interface CredentialRow {
  id: string;
  name: string;
  vendor: string;
  description: string | null;
  type: CredentialType;
  preset: CredentialPreset | null;
  storage: CredentialStorage;
  settings: CredentialSettings;
  local_reference: LocalReference | null;
  secret_hint: string | null;
  secret_version: number;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  last_used_at: Date | null;
  last_test_at: Date | null;
  last_test_ok: boolean | null;
  last_test_message: string | null;
}

export interface SecretRow {
  credential_id: string;
  secret_version: number;
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  wrapped_key: Buffer;
  wrapped_key_nonce: Buffer;
  wrapped_key_tag: Buffer;
  master_key_version: string;
}

export type NewCredential = Omit<
  CredentialRow,
  'created_at' | 'updated_at' | 'last_used_at' | 'last_test_at' | 'last_test_ok' | 'last_test_message'
>;

const COLUMNS = `id, name, vendor, description, type, preset, storage, settings, local_reference, secret_hint,
  secret_version, created_by, created_at, updated_by, updated_at, last_used_at, last_test_at, last_test_ok, last_test_message`;

export function toSealed(row: SecretRow): SealedSecret {
  return {
    ciphertext: row.ciphertext,
    nonce: row.nonce,
    tag: row.tag,
    wrappedKey: row.wrapped_key,
    wrappedKeyNonce: row.wrapped_key_nonce,
    wrappedKeyTag: row.wrapped_key_tag,
    masterKeyVersion: row.master_key_version,
  };
}

/**
 * SQL over `credential` and `credential_secret`. Raw SQL rather than entities: the secret columns
 * are bytea that must never pass through an identity map or a debug dump of an entity.
 */
export const CredentialRepository = {
  async find(em: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<CredentialRow | undefined> {
    const rows = await em.execute<CredentialRow[]>(
      `select ${COLUMNS} from credential where id = ?${options.forUpdate ? ' for update' : ''}`,
      [id],
    );
    return rows[0];
  },

  async nameTaken(em: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>('select 1 from credential where lower(name) = lower(?) and id <> ?', [
      name,
      exceptId ?? '00000000-0000-0000-0000-000000000000',
    ]);
    return rows.length > 0;
  },

  /** Newest first; the cursor is the last id seen (ids are UUIDv7, so time-ordered). */
  async page(em: EntityManager, options: { limit: number; after?: string; vendor?: string }): Promise<CredentialRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.after) {
      where.push('id < ?');
      params.push(options.after);
    }
    if (options.vendor) {
      where.push('vendor = ?');
      params.push(options.vendor);
    }
    params.push(options.limit);
    return em.execute<CredentialRow[]>(
      `select ${COLUMNS} from credential ${where.length ? 'where ' + where.join(' and ') : ''} order by id desc limit ?`,
      params,
    );
  },

  async insert(em: EntityManager, c: NewCredential): Promise<void> {
    await em.execute(
      `insert into credential (id, name, vendor, description, type, preset, storage, settings, local_reference,
         secret_hint, secret_version, created_by, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)`,
      [
        c.id,
        c.name,
        c.vendor,
        c.description,
        c.type,
        c.preset,
        c.storage,
        JSON.stringify(c.settings),
        c.local_reference ? JSON.stringify(c.local_reference) : null,
        c.secret_hint,
        c.secret_version,
        c.created_by,
        c.updated_by,
      ],
    );
  },

  async updateMetadata(em: EntityManager, id: string, fields: { name: string; description: string | null; actor: string }): Promise<void> {
    await em.execute('update credential set name = ?, description = ?, updated_by = ?, updated_at = now() where id = ?', [
      fields.name,
      fields.description,
      fields.actor,
      id,
    ]);
  },

  async updateSecretState(
    em: EntityManager,
    id: string,
    fields: { settings: CredentialSettings; localReference: LocalReference | null; hint: string | null; version: number; actor: string },
  ): Promise<void> {
    await em.execute(
      `update credential set settings = ?::jsonb, local_reference = ?::jsonb, secret_hint = ?, secret_version = ?,
         updated_by = ?, updated_at = now() where id = ?`,
      [
        JSON.stringify(fields.settings),
        fields.localReference ? JSON.stringify(fields.localReference) : null,
        fields.hint,
        fields.version,
        fields.actor,
        id,
      ],
    );
  },

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.execute('delete from credential where id = ?', [id]);
  },

  async touchLastUsed(em: EntityManager, id: string): Promise<void> {
    await em.execute('update credential set last_used_at = now() where id = ?', [id]);
  },

  async recordTest(em: EntityManager, id: string, ok: boolean, message: string): Promise<void> {
    await em.execute('update credential set last_test_at = now(), last_test_ok = ?, last_test_message = ? where id = ?', [
      ok,
      message,
      id,
    ]);
  },

  async findSecret(em: EntityManager, credentialId: string): Promise<SecretRow | undefined> {
    const rows = await em.execute<SecretRow[]>('select * from credential_secret where credential_id = ?', [credentialId]);
    return rows[0];
  },

  async upsertSecret(em: EntityManager, credentialId: string, secretVersion: number, s: SealedSecret): Promise<void> {
    await em.execute(
      `insert into credential_secret (credential_id, secret_version, ciphertext, nonce, tag, wrapped_key, wrapped_key_nonce,
         wrapped_key_tag, master_key_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (credential_id) do update set secret_version = excluded.secret_version, ciphertext = excluded.ciphertext,
         nonce = excluded.nonce, tag = excluded.tag, wrapped_key = excluded.wrapped_key,
         wrapped_key_nonce = excluded.wrapped_key_nonce, wrapped_key_tag = excluded.wrapped_key_tag,
         master_key_version = excluded.master_key_version, updated_at = now()`,
      [credentialId, secretVersion, s.ciphertext, s.nonce, s.tag, s.wrappedKey, s.wrappedKeyNonce, s.wrappedKeyTag, s.masterKeyVersion],
    );
  },

  async deleteSecret(em: EntityManager, credentialId: string): Promise<void> {
    await em.execute('delete from credential_secret where credential_id = ?', [credentialId]);
  },

  /** Rows whose data key is wrapped by another version than `version`, locked for the rewrap. */
  async secretsNotUnder(em: EntityManager, version: string): Promise<SecretRow[]> {
    return em.execute<SecretRow[]>('select * from credential_secret where master_key_version <> ? for update', [version]);
  },

  async updateWrappedKey(em: EntityManager, credentialId: string, s: Pick<SealedSecret, 'wrappedKey' | 'wrappedKeyNonce' | 'wrappedKeyTag' | 'masterKeyVersion'>): Promise<void> {
    await em.execute(
      `update credential_secret set wrapped_key = ?, wrapped_key_nonce = ?, wrapped_key_tag = ?, master_key_version = ?,
         updated_at = now() where credential_id = ?`,
      [s.wrappedKey, s.wrappedKeyNonce, s.wrappedKeyTag, s.masterKeyVersion, credentialId],
    );
  },
};
