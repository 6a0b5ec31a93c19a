import { Injectable } from '@nestjs/common';
import { RpcErrorCode, VaultCredentialsResolve, type ResolvedCredential } from '@seatkeeper/contracts';
import type { ConnectorCredential } from '@seatkeeper/connector-kit';
import { RpcClient, RpcException } from '@seatkeeper/platform-messaging';
import { readFile } from 'node:fs/promises';
import type { IntegrationRow } from '../integrations/integration.row';

/** Why no credential could be had; the run fails with this message (it never contains the secret). */
export class CredentialUnavailableError extends Error {}

/**
 * The vault could not be asked (no instance subscribed, no answer in time, or it answered that it is
 * unavailable — its database down): worth another attempt, unlike a refusal or a missing credential.
 * A run started while the vault restarts waits for it instead of failing; a credential test or a
 * sample page still answers with the reason (it is a CredentialUnavailableError too).
 */
export class VaultUnreachableError extends CredentialUnavailableError {}

const TRANSIENT_RPC_CODES: readonly string[] = [RpcErrorCode.Unavailable, RpcErrorCode.Timeout];

export interface ResolveContext {
  runId?: string;
  purpose: 'sync-run' | 'credential-test' | 'workflow-step' | 'mapping-sample';
}

/**
 * Turns an integration into a usable vendor credential. Cloud: `vault.credentials.resolve` over
 * NATS (the vault audits it) returns headers to send. Local: the runner's own environment variable
 * or file, named by the integration; the secret is read when needed and never stored.
 */
@Injectable()
export class CredentialResolver {
  constructor(private readonly rpc: RpcClient) {}

  async forIntegration(integration: Pick<IntegrationRow, 'id' | 'installation_type' | 'credential_id' | 'local_secret'>, ctx: ResolveContext): Promise<ConnectorCredential> {
    if (integration.installation_type === 'local') {
      const ref = integration.local_secret;
      if (!ref) throw new CredentialUnavailableError('The local integration names no secret reference');
      const secret = await readLocalSecret(ref);
      return { kind: ref.authKind, secret };
    }
    if (!integration.credential_id) throw new CredentialUnavailableError('The cloud integration has no credential');
    return this.fromVault(integration.credential_id, { integrationId: integration.id, ...ctx });
  }

  async fromVault(credentialId: string, ctx: ResolveContext & { integrationId?: string }): Promise<ConnectorCredential> {
    let resolved: ResolvedCredential;
    try {
      resolved = await this.rpc.request(VaultCredentialsResolve, {
        credentialId,
        caller: { service: 'integration-sync', integrationId: ctx.integrationId, runId: ctx.runId, purpose: ctx.purpose },
      });
    } catch (e) {
      const why = e instanceof RpcException ? `${e.code}: ${e.message}` : (e as Error).message;
      if (e instanceof RpcException && TRANSIENT_RPC_CODES.includes(e.code)) {
        throw new VaultUnreachableError(`The vault is unreachable for credential ${credentialId} (${why})`);
      }
      throw new CredentialUnavailableError(`The vault could not resolve credential ${credentialId} (${why})`);
    }
    if (resolved.storage === 'local') {
      const ref = resolved.local?.reference;
      if (!ref) throw new CredentialUnavailableError(`Credential ${credentialId} is local but names no reference`);
      const secret = await readLocalSecret(ref);
      const template = resolved.local?.settings.apiKey;
      if (template) return { kind: 'headers', headers: { [template.headerName]: template.valueTemplate.replace('{{secret}}', secret) } };
      return { kind: 'token', secret };
    }
    if (!resolved.headers || Object.keys(resolved.headers).length === 0) {
      throw new CredentialUnavailableError(`The vault returned no headers for credential ${credentialId}`);
    }
    return { kind: 'headers', headers: resolved.headers };
  }
}

async function readLocalSecret(ref: { kind: 'env' | 'file'; name: string }): Promise<string> {
  if (ref.kind === 'env') {
    const value = process.env[ref.name];
    if (!value) throw new CredentialUnavailableError(`The local secret reference does not exist on this runner: environment variable ${ref.name} is not set`);
    return value.trim();
  }
  try {
    const value = (await readFile(ref.name, 'utf8')).trim();
    if (!value) throw new CredentialUnavailableError(`The local secret file ${ref.name} is empty`);
    return value;
  } catch (e) {
    if (e instanceof CredentialUnavailableError) throw e;
    throw new CredentialUnavailableError(`The local secret reference does not exist on this runner: file ${ref.name} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
