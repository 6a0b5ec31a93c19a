import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Clock } from '../clock';
import type { CredentialVaultEnv } from '../config/credential-vault.env';
import { VAULT_ENV } from '../vault-env.token';
import type { IssuedToken } from './oauth-token.client';

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

type FetchToken = () => Promise<IssuedToken>;

/** Far more credentials than an install holds; the bound only keeps a runaway from growing the heap. */
const MAX_CACHED_TOKENS = 10_000;

/**
 * Access tokens the vault obtained, in this process's memory only (never in Postgres, never in a
 * log). A token is reused until its renewal time — `renewBefore` seconds before expiry, at most
 * half its lifetime — and a new secret version is a new key, so a rotated secret never reuses
 * the old one's token. lru-cache's `fetch` gives one fetch per key at a time: concurrent resolves
 * share it instead of stampeding the endpoint.
 */
@Injectable()
export class OAuthTokenCache {
  private readonly tokens: LRUCache<string, CachedToken, FetchToken>;

  constructor(
    private readonly clock: Clock,
    @Inject(VAULT_ENV) private readonly env: CredentialVaultEnv,
  ) {
    this.tokens = new LRUCache<string, CachedToken, FetchToken>({
      max: MAX_CACHED_TOKENS,
      // TTLs are measured on the vault's clock (the real one in production, a fake one in tests).
      perf: { now: () => this.clock.now() },
      ttlResolution: 0,
      fetchMethod: async (_key, _stale, { context, options }) => {
        const issued = await context();
        const now = this.clock.now();
        const lifetimeMs = issued.expiresIn * 1000;
        const renewBeforeMs = Math.min(this.env.VAULT_OAUTH_RENEW_BEFORE_SECONDS * 1000, lifetimeMs / 2);
        options.ttl = Math.max(1, lifetimeMs - renewBeforeMs);
        return { accessToken: issued.accessToken, expiresAt: now + lifetimeMs };
      },
    });
  }

  async get(credentialId: string, secretVersion: number, fetch: FetchToken): Promise<CachedToken> {
    const token = await this.tokens.fetch(`${credentialId}:${secretVersion}`, { context: fetch });
    if (!token) throw new Error(`no access token was issued for credential ${credentialId}`);
    return token;
  }

  /** Drops every version's token of the credential (its secret changed or it was deleted). */
  forget(credentialId: string): void {
    for (const key of [...this.tokens.keys()]) if (key.startsWith(`${credentialId}:`)) this.tokens.delete(key);
  }
}
