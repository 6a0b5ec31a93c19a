import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  SyncIntegrationsReferencingCredential,
  VaultCredentialCreatedV1,
  VaultCredentialDeletedV1,
  VaultCredentialRotatedV1,
  VaultCredentialUpdatedV1,
  type CreateCredentialRequest,
  type CredentialPage,
  type CredentialView,
  type ListCredentialsRequest,
  type ReplaceCredentialSecretRequest,
  type UpdateCredentialRequest,
  type VaultCredentialMetadata,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcClient, RpcException } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { v7 as uuidv7 } from 'uuid';
import { EnvelopeCipher } from '../crypto/envelope-cipher';
import { KeyRingService } from '../keys/key-ring.service';
import { decodeCursor, pageOf } from '../pagination';
import { OAuthTokenCache } from '../resolve/oauth-token.cache';
import { TokenEgress } from '../resolve/token-egress';
import { credentialNotFound, validationFailed, VaultErrorCode, VaultException } from '../vault.exception';
import { CredentialRepository, type CredentialRow } from './credential.repository';
import { resolveSettings, secretHint } from './credential-settings';
import { toCredentialView } from './credential-view';

/** Create, read, change and delete credentials. Secrets go in sealed and never come out here. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly keys: KeyRingService,
    private readonly outbox: OutboxWriter,
    private readonly rpc: RpcClient,
    private readonly tokens: OAuthTokenCache,
    private readonly tokenEgress: TokenEgress,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CredentialsService.name);
  }

  async create(req: CreateCredentialRequest): Promise<CredentialView> {
    const storage = req.storage ?? 'vault';
    const checked = resolveSettings({ ...req, storage }, (url) => this.tokenEgress.problemWith(url));
    if ('problems' in checked) throw validationFailed(checked.problems);
    const id = uuidv7();
    const row = await this.orm.em.fork().transactional(async (em) => {
      await this.assertNameFree(em, req.name);
      await CredentialRepository.insert(em, {
        id,
        name: req.name,
        vendor: req.vendor,
        description: req.description ?? null,
        type: req.type,
        preset: req.preset ?? null,
        storage,
        settings: checked.settings,
        local_reference: checked.localReference,
        secret_hint: req.secret !== undefined ? secretHint(req.secret) : null,
        secret_version: 1,
        created_by: req.actor,
        updated_by: req.actor,
      });
      if (req.secret !== undefined) await this.sealInto(em, id, 1, req.secret);
      const created = (await CredentialRepository.find(em, id)) as CredentialRow;
      await this.outbox.add(em, VaultCredentialCreatedV1, metadataOf(created, req.actor), { entityKey: `credential:${id}` });
      return created;
    });
    this.logger.info({ credentialId: id, vendor: req.vendor, type: req.type, storage }, 'credential created');
    return toCredentialView(row);
  }

  async list(req: ListCredentialsRequest): Promise<CredentialPage> {
    const limit = req.limit ?? 50;
    const rows = await CredentialRepository.page(this.orm.em.fork(), { limit: limit + 1, after: decodeCursor(req.cursor), vendor: req.vendor });
    const page = pageOf(rows, limit);
    return { data: page.data.map(toCredentialView), next_cursor: page.next_cursor };
  }

  async get(id: string): Promise<CredentialView> {
    const row = await CredentialRepository.find(this.orm.em.fork(), id);
    if (!row) throw credentialNotFound(id);
    return toCredentialView(row);
  }

  async update(req: UpdateCredentialRequest): Promise<CredentialView> {
    const row = await this.orm.em.fork().transactional(async (em) => {
      const current = await this.mustFind(em, req.id);
      const name = req.name ?? current.name;
      const description = req.description !== undefined ? req.description : current.description;
      const changed = [...(name !== current.name ? ['name'] : []), ...(description !== current.description ? ['description'] : [])];
      if (!changed.length) return current;
      if (name !== current.name) await this.assertNameFree(em, name, current.id);
      await CredentialRepository.updateMetadata(em, current.id, { name, description, actor: req.actor });
      const updated = (await CredentialRepository.find(em, current.id)) as CredentialRow;
      await this.outbox.add(em, VaultCredentialUpdatedV1, { ...metadataOf(updated, req.actor), changed }, { entityKey: `credential:${current.id}` });
      return updated;
    });
    return toCredentialView(row);
  }

  async replaceSecret(req: ReplaceCredentialSecretRequest): Promise<CredentialView> {
    const row = await this.orm.em.fork().transactional(async (em) => {
      const current = await this.mustFind(em, req.id);
      const checked = resolveSettings({
        type: current.type,
        preset: current.preset,
        vendor: current.vendor,
        storage: current.storage,
        settings: req.settings ?? (current.settings as ReplaceCredentialSecretRequest['settings']),
        secret: req.secret,
        localReference: req.localReference,
      }, (url) => this.tokenEgress.problemWith(url));
      if ('problems' in checked) throw validationFailed(checked.problems);
      const version = current.secret_version + 1;
      await CredentialRepository.updateSecretState(em, current.id, {
        settings: checked.settings,
        localReference: checked.localReference,
        hint: req.secret !== undefined ? secretHint(req.secret) : null,
        version,
        actor: req.actor,
      });
      if (req.secret !== undefined) await this.sealInto(em, current.id, version, req.secret);
      const updated = (await CredentialRepository.find(em, current.id)) as CredentialRow;
      await this.outbox.add(em, VaultCredentialRotatedV1, metadataOf(updated, req.actor), { entityKey: `credential:${current.id}` });
      return updated;
    });
    this.tokens.forget(req.id);
    this.logger.info({ credentialId: req.id, secretVersion: row.secret_version }, 'credential secret replaced');
    return toCredentialView(row);
  }

  /** Refused while integration-sync reports a reference, and when it cannot be asked. */
  async delete(id: string, actor: string): Promise<{ id: string; deleted: true }> {
    await this.get(id);
    let references;
    try {
      references = (await this.rpc.request(SyncIntegrationsReferencingCredential, { credentialId: id })).references;
    } catch (e) {
      if (e instanceof RpcException && (e.code === 'SERVICE_UNAVAILABLE' || e.code === 'SERVICE_TIMEOUT')) {
        throw new VaultException(
          VaultErrorCode.Unavailable,
          'Cannot check whether integrations or workflows still use this credential (integration-sync is unavailable); not deleting it',
          { service: 'integration-sync' },
        );
      }
      throw e;
    }
    if (references.length) {
      throw new VaultException(
        VaultErrorCode.Conflict,
        `The credential is still used by ${references.map((r) => `${r.kind} "${r.name}"`).join(', ')}`,
        { references },
      );
    }
    await this.orm.em.fork().transactional(async (em) => {
      const current = await this.mustFind(em, id);
      await CredentialRepository.delete(em, id);
      await this.outbox.add(em, VaultCredentialDeletedV1, metadataOf(current, actor), { entityKey: `credential:${id}` });
    });
    this.tokens.forget(id);
    this.logger.info({ credentialId: id }, 'credential deleted');
    return { id, deleted: true };
  }

  private async sealInto(em: EntityManager, id: string, secretVersion: number, secret: string): Promise<void> {
    const active = await this.keys.activeKey(em);
    const sealed = EnvelopeCipher.seal(secret, { credentialId: id, secretVersion }, active.key, active.version);
    await CredentialRepository.upsertSecret(em, id, secretVersion, sealed);
  }

  private async mustFind(em: EntityManager, id: string): Promise<CredentialRow> {
    const row = await CredentialRepository.find(em, id, { forUpdate: true });
    if (!row) throw credentialNotFound(id);
    return row;
  }

  private async assertNameFree(em: EntityManager, name: string, exceptId?: string): Promise<void> {
    if (await CredentialRepository.nameTaken(em, name, exceptId)) {
      throw new VaultException(VaultErrorCode.Conflict, `A credential named "${name}" already exists`, { field: 'name' });
    }
  }
}

function metadataOf(row: CredentialRow, actor: string): VaultCredentialMetadata {
  return {
    credentialId: row.id,
    name: row.name,
    vendor: row.vendor,
    type: row.type,
    storage: row.storage,
    secretVersion: row.secret_version,
    actor,
  };
}
