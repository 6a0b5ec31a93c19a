import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ResolveCredentialRequest, ResolvedCredential } from '@seatkeeper/contracts';
import { SECRET_PLACEHOLDER } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { AccessLogRepository, type NewAccessLogEntry } from '../access-log/access-log.repository';
import { EnvelopeCipher, IntegrityError } from '../crypto/envelope-cipher';
import { CredentialRepository, toSealed, type CredentialRow } from '../credentials/credential.repository';
import { KeyRingService } from '../keys/key-ring.service';
import { credentialNotFound, VaultErrorCode, VaultException } from '../vault.exception';
import { OAuthTokenCache } from './oauth-token.cache';
import { OAuthTokenClient } from './oauth-token.client';

/** The only caller that gets a usable secret (NATS enforces it too: deploy/nats). */
export const RESOLVE_ALLOWED_CALLER = 'integration-sync';

/**
 * Hands a usable secret to integration-sync: opens the envelope, renders headers (or obtains an
 * OAuth token), and writes every attempt — granted, refused or failed — to the access log.
 */
@Injectable()
export class ResolveService {
  constructor(
    private readonly orm: MikroORM,
    private readonly keys: KeyRingService,
    private readonly tokens: OAuthTokenCache,
    private readonly oauth: OAuthTokenClient,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ResolveService.name);
  }

  async resolve(req: ResolveCredentialRequest): Promise<ResolvedCredential> {
    const { caller } = req;
    const entry: Omit<NewAccessLogEntry, 'outcome'> = {
      credentialId: req.credentialId,
      action: 'resolve',
      callerService: caller.service,
      integrationId: caller.integrationId,
      runId: caller.runId,
      workflowId: caller.workflowId,
      workflowRunId: caller.workflowRunId,
      purpose: caller.purpose,
    };
    try {
      if (caller.service !== RESOLVE_ALLOWED_CALLER) {
        throw new VaultException(VaultErrorCode.ResolveForbidden, `Only ${RESOLVE_ALLOWED_CALLER} may resolve a credential`, {
          caller: caller.service,
        });
      }
      const resolved = await this.open(req.credentialId);
      await this.record({ ...entry, outcome: 'granted' });
      this.logger.debug({ credentialId: req.credentialId, caller, type: resolved.type, storage: resolved.storage }, 'credential resolved');
      await CredentialRepository.touchLastUsed(this.orm.em.fork(), req.credentialId);
      return resolved;
    } catch (e) {
      const code = e instanceof RpcException ? e.code : 'INTERNAL';
      const outcome = code === VaultErrorCode.ResolveForbidden ? 'denied' : code === VaultErrorCode.NotFound ? 'not_found' : 'failed';
      await this.record({ ...entry, outcome, errorCode: code, errorMessage: e instanceof Error ? e.message : String(e) });
      this.logger.warn({ credentialId: req.credentialId, caller: caller.service, code }, 'credential resolve refused');
      throw e;
    }
  }

  private async open(credentialId: string): Promise<ResolvedCredential> {
    const em = this.orm.em.fork();
    const row = await CredentialRepository.find(em, credentialId);
    if (!row) throw credentialNotFound(credentialId);
    const base = { credentialId: row.id, vendor: row.vendor, type: row.type, storage: row.storage, secretVersion: row.secret_version };
    if (row.storage === 'local') {
      return { ...base, local: { reference: row.local_reference as NonNullable<CredentialRow['local_reference']>, settings: row.settings } };
    }
    const secret = await this.decrypt(em, row);
    switch (row.type) {
      case 'api_key': {
        const s = row.settings.apiKey as { headerName: string; valueTemplate: string };
        return { ...base, headers: { [s.headerName]: s.valueTemplate.split(SECRET_PLACEHOLDER).join(secret) } };
      }
      case 'basic': {
        const username = (row.settings.basic as { username: string }).username;
        return { ...base, headers: { Authorization: `Basic ${Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')}` } };
      }
      case 'oauth2_client_credentials': {
        const settings = row.settings.oauth2 as { tokenUrl: string; clientId: string; scopes: string[] };
        const token = await this.tokens.get(row.id, row.secret_version, async () => {
          const issued = await this.oauth.fetchToken(settings, secret);
          this.logger.debug({ credentialId: row.id, tokenUrl: settings.tokenUrl, expiresIn: issued.expiresIn }, 'OAuth access token obtained');
          return issued;
        });
        return { ...base, headers: { Authorization: `Bearer ${token.accessToken}` }, expiresAt: new Date(token.expiresAt).toISOString() };
      }
    }
  }

  private async decrypt(em: ReturnType<MikroORM['em']['fork']>, row: CredentialRow): Promise<string> {
    const stored = await CredentialRepository.findSecret(em, row.id);
    if (!stored) {
      throw new VaultException(VaultErrorCode.IntegrityFailed, `Credential ${row.id} has no stored secret; replace the secret`, {
        credentialId: row.id,
      });
    }
    const key = await this.keys.keyFor(em, stored.master_key_version);
    try {
      return EnvelopeCipher.open(toSealed(stored), { credentialId: row.id, secretVersion: stored.secret_version }, key);
    } catch (e) {
      if (!(e instanceof IntegrityError)) throw e;
      throw new VaultException(
        VaultErrorCode.IntegrityFailed,
        `The stored secret of credential ${row.id} failed its integrity check (${e.part === 'secret' ? 'ciphertext' : 'wrapped data key'} altered, or the wrong master key); it was not used. Replace the secret.`,
        { credentialId: row.id, part: e.part, masterKeyVersion: stored.master_key_version },
      );
    }
  }

  private async record(entry: NewAccessLogEntry): Promise<void> {
    try {
      await AccessLogRepository.insert(this.orm.em.fork(), entry);
    } catch (e) {
      // Losing an audit row is serious but must not turn into handing out or withholding a secret silently.
      this.logger.error({ credentialId: entry.credentialId, err: (e as Error).message }, 'access log write failed');
      throw e;
    }
  }
}
