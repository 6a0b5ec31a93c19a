import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { VaultKeyRingRotatedV1, type KeyRingStatus, type MasterKeyRotation } from '@seatkeeper/contracts';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { EnvelopeCipher, IntegrityError, type SecretBinding } from '../crypto/envelope-cipher';
import { compareVersions, keyCheckValue, KeyRingConfigError, MasterKeyRing } from '../crypto/master-key-ring';
import { CredentialRepository, toSealed } from '../credentials/credential.repository';
import { AccessLogRepository } from '../access-log/access-log.repository';
import { VaultErrorCode, VaultException } from '../vault.exception';
import { MasterKeyRepository, type MasterKeyRow } from './master-key.repository';

/**
 * The master keys: which version is active (recorded in Postgres, so every replica agrees), which
 * key the ring holds for each version (checked against the recorded check value), and rotation.
 */
@Injectable()
export class KeyRingService implements OnModuleInit {
  constructor(
    private readonly ring: MasterKeyRing,
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(KeyRingService.name);
  }

  /** Records the ring's versions; on a first start activates the highest. Never fails the boot over a mismatch. */
  async onModuleInit(): Promise<void> {
    if (this.ring.ephemeral) {
      this.logger.warn('no VAULT_MASTER_KEYS / VAULT_MASTER_KEYS_FILE: using an ephemeral master key; stored secrets will be unreadable after a restart');
    }
    await this.orm.em.fork().transactional(async (em) => {
      await MasterKeyRepository.lockExclusive(em);
      const rows = await MasterKeyRepository.all(em);
      const known = new Map(rows.map((r) => [r.version, r]));
      for (const version of this.ring.versions()) {
        const row = known.get(version);
        const kcv = keyCheckValue(this.ring.get(version) as Buffer);
        if (!row) await MasterKeyRepository.insert(em, version, kcv);
        else if (row.check_value !== kcv) {
          this.logger.error({ version }, 'the key ring holds a different key for this master key version than the one recorded; secrets under it cannot be opened');
        }
      }
      if (!rows.some((r) => r.state === 'active')) await MasterKeyRepository.activate(em, this.ring.highest());
    });
  }

  /** The active version and its key, for sealing. Call inside the transaction that writes the secret. */
  async activeKey(em: EntityManager): Promise<{ version: string; key: Buffer }> {
    await MasterKeyRepository.lockShared(em);
    const rows = await MasterKeyRepository.all(em);
    const active = rows.find((r) => r.state === 'active');
    if (!active) throw new VaultException(VaultErrorCode.MasterKeyUnavailable, 'No master key version is active');
    return { version: active.version, key: this.verifiedKey(active.version, rows) };
  }

  /** The key of `version`, refusing a version the ring lacks or holds a different key for. */
  async keyFor(em: EntityManager, version: string): Promise<Buffer> {
    return this.verifiedKey(version, await MasterKeyRepository.all(em));
  }

  private verifiedKey(version: string, rows: MasterKeyRow[]): Buffer {
    const key = this.ring.get(version);
    if (!key) {
      throw new VaultException(
        VaultErrorCode.MasterKeyUnavailable,
        `Master key ${version} is not in the vault's key ring; add it back to VAULT_MASTER_KEYS (or the key file) to open secrets wrapped by it`,
        { masterKeyVersion: version },
      );
    }
    const row = rows.find((r) => r.version === version);
    if (row && row.check_value !== keyCheckValue(key)) {
      throw new VaultException(
        VaultErrorCode.MasterKeyMismatch,
        `The key ring holds a different key for master key ${version} than the one the data was wrapped with`,
        { masterKeyVersion: version },
      );
    }
    return key;
  }

  async status(): Promise<KeyRingStatus> {
    const em = this.orm.em.fork();
    const rows = (await MasterKeyRepository.all(em)).sort((a, b) => compareVersions(a.version, b.version));
    const counts = await MasterKeyRepository.wrappedCounts(em);
    return {
      activeVersion: rows.find((r) => r.state === 'active')?.version ?? '',
      keys: rows.map((r) => ({
        version: r.version,
        state: r.state,
        inRing: this.ring.has(r.version),
        wrappedDataKeys: counts.get(r.version) ?? 0,
        activatedAt: r.activated_at ? new Date(r.activated_at).toISOString() : null,
        retiredAt: r.retired_at ? new Date(r.retired_at).toISOString() : null,
      })),
    };
  }

  /**
   * Makes `toVersion` active and rewraps every data key under it, all in one transaction: the
   * secrets stay sealed (only data keys are unwrapped, in memory). A data key that fails its
   * integrity check aborts the rotation, is named in the error and written to the access log.
   */
  async rotate(toVersion: string | undefined, actor: string): Promise<MasterKeyRotation> {
    try {
      this.ring.reload();
    } catch (e) {
      if (e instanceof KeyRingConfigError) throw new VaultException(VaultErrorCode.KeyRingInvalid, `The key ring is invalid: ${e.message}`);
      throw e;
    }
    const target = toVersion ?? this.ring.highest();
    if (!this.ring.has(target)) {
      throw new VaultException(VaultErrorCode.ValidationFailed, `Master key ${target} is not in the key ring`, [
        { field: 'toVersion', messages: [`${target} is not in VAULT_MASTER_KEYS / VAULT_MASTER_KEYS_FILE; add it there first`] },
      ]);
    }
    const failures: { credentialId: string; error: string }[] = [];
    let result: { fromVersions: string[]; rewrapped: number } | undefined;
    try {
      result = await this.orm.em.fork().transactional(async (em) => {
        await MasterKeyRepository.lockExclusive(em);
        const targetKey = this.ring.get(target) as Buffer;
        await MasterKeyRepository.insert(em, target, keyCheckValue(targetKey));
        const rows = await MasterKeyRepository.all(em);
        const targetRow = rows.find((r) => r.version === target) as MasterKeyRow;
        if (targetRow.state === 'retired') {
          throw new VaultException(VaultErrorCode.Conflict, `Master key ${target} was retired; rotate to a new version`);
        }
        this.verifiedKey(target, rows);
        const secrets = await CredentialRepository.secretsNotUnder(em, target);
        for (const row of secrets) {
          const binding: SecretBinding = { credentialId: row.credential_id, secretVersion: row.secret_version };
          try {
            const from = this.verifiedKey(row.master_key_version, rows);
            const moved = EnvelopeCipher.rewrap(toSealed(row), binding, from, targetKey, target);
            await CredentialRepository.updateWrappedKey(em, row.credential_id, moved);
          } catch (e) {
            if (!(e instanceof IntegrityError) && !(e instanceof VaultException)) throw e;
            failures.push({ credentialId: row.credential_id, error: e.message });
          }
        }
        if (failures.length) {
          throw new VaultException(
            VaultErrorCode.IntegrityFailed,
            `Rotation to ${target} aborted: ${failures.length} data key(s) could not be opened; nothing was changed`,
            { failures },
          );
        }
        const fromVersions = [
          ...new Set([
            ...rows.filter((r) => r.state === 'active' && r.version !== target).map((r) => r.version),
            ...secrets.map((s) => s.master_key_version),
          ]),
        ].sort(compareVersions);
        // Nothing would change: saying "rotated" (and auditing it) would be a false record.
        if (targetRow.state === 'active' && !fromVersions.length) {
          throw new VaultException(
            VaultErrorCode.Conflict,
            `Master key ${target} is already active and every secret is under it: nothing to rotate. Add a new key version to VAULT_MASTER_KEYS / VAULT_MASTER_KEYS_FILE first`,
          );
        }
        await MasterKeyRepository.retire(em, fromVersions);
        await MasterKeyRepository.activate(em, target);
        await this.outbox.add(em, VaultKeyRingRotatedV1, { toVersion: target, fromVersions, rewrapped: secrets.length, actor });
        return { fromVersions, rewrapped: secrets.length };
      });
    } catch (e) {
      if (failures.length) await this.logRewrapFailures(failures);
      throw e;
    }
    this.logger.info({ toVersion: target, fromVersions: result.fromVersions, rewrapped: result.rewrapped, actor }, 'master key rotated');
    return { ...(await this.status()), ...result };
  }

  private async logRewrapFailures(failures: { credentialId: string; error: string }[]): Promise<void> {
    const em = this.orm.em.fork();
    for (const f of failures) {
      await AccessLogRepository.insert(em, {
        credentialId: f.credentialId,
        action: 'rewrap',
        callerService: 'credential-vault',
        purpose: 'master-key-rotation',
        outcome: 'failed',
        errorCode: VaultErrorCode.IntegrityFailed,
        errorMessage: f.error,
      });
    }
  }
}
