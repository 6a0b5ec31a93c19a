import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock';
import type { CredentialVaultEnv } from '../config/credential-vault.env';
import { VAULT_ENV } from '../vault-env.token';
import type { IssuedToken } from './oauth-token.client';

interface CachedToken {
  secretVersion: number;
  accessToken: string;
  expiresAt: number;
  renewAt: number;
}

/**
 * Access tokens the vault obtained, in this process's memory only (never in Postgres, never in a
 * log). A token is reused until its renewal time — `renewBefore` seconds before expiry, at most
 * half its lifetime — and is dropped when the credential's secret changes.
 */
@Injectable()
export class OAuthTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  /** One fetch per credential at a time: concurrent resolves share it instead of stampeding the endpoint. */
  private readonly inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly clock: Clock,
    @Inject(VAULT_ENV) private readonly env: CredentialVaultEnv,
  ) {}

  async get(
    credentialId: string,
    secretVersion: number,
    fetch: () => Promise<IssuedToken>,
  ): Promise<{ accessToken: string; expiresAt: number }> {
    const cached = this.tokens.get(credentialId);
    if (cached && cached.secretVersion === secretVersion && this.clock.now() < cached.renewAt) return cached;
    const key = `${credentialId}:${secretVersion}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchAndStore(credentialId, secretVersion, fetch).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  forget(credentialId: string): void {
    this.tokens.delete(credentialId);
  }

  private async fetchAndStore(credentialId: string, secretVersion: number, fetch: () => Promise<IssuedToken>): Promise<CachedToken> {
    const issued = await fetch();
    const now = this.clock.now();
    const lifetimeMs = issued.expiresIn * 1000;
    const renewBeforeMs = Math.min(this.env.VAULT_OAUTH_RENEW_BEFORE_SECONDS * 1000, lifetimeMs / 2);
    const token: CachedToken = {
      secretVersion,
      accessToken: issued.accessToken,
      expiresAt: now + lifetimeMs,
      renewAt: now + lifetimeMs - renewBeforeMs,
    };
    this.tokens.set(credentialId, token);
    return token;
  }
}
