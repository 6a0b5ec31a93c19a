import { EgressPolicy } from '@seatkeeper/connector-kit';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { CredentialVaultEnv } from '../config/credential-vault.env';
import { PRESETS } from '../credentials/credential-settings';
import { VAULT_ENV } from '../vault-env.token';
import { VaultErrorCode, VaultException } from '../vault.exception';

/** Where the vault may send an OAuth client secret: the presets' token endpoints and VAULT_ALLOWED_TOKEN_URLS. */
@Injectable()
export class TokenEgress implements OnModuleDestroy {
  readonly policy: EgressPolicy;

  constructor(@Inject(VAULT_ENV) env: CredentialVaultEnv) {
    const official = Object.values(PRESETS).flatMap((p) => (p.settings.oauth2 ? [p.settings.oauth2.tokenUrl] : []));
    this.policy = new EgressPolicy(official, {
      allowedBaseUrls: env.VAULT_ALLOWED_TOKEN_URLS,
      noun: 'OAuth token URL',
      refuse: (message) => new VaultException(VaultErrorCode.TokenUrlRefused, message),
    });
  }

  /** The problem with a token URL a credential names, or null when the vault may send a secret there. */
  problemWith(tokenUrl: string): string | null {
    try {
      this.policy.checkBaseUrl(tokenUrl);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.policy.close();
  }
}
