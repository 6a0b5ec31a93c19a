import { Inject, Injectable } from '@nestjs/common';
import { refusalIn } from '@seatkeeper/connector-kit';
import { fetch, type Response } from 'undici';
import { VAULT_ENV } from '../vault-env.token';
import type { CredentialVaultEnv } from '../config/credential-vault.env';
import { VaultErrorCode, VaultException } from '../vault.exception';
import { TokenEgress } from './token-egress';

export interface IssuedToken {
  accessToken: string;
  tokenType: string;
  /** Lifetime the endpoint declared, in seconds. */
  expiresIn: number;
}

/**
 * The client_credentials grant (RFC 6749 §4.4), with the client secret in the form body, sent only
 * to a token URL the egress policy allows (checked again here: a credential stored before the
 * allowlist, or before the operator shortened it, is refused too) and only to public addresses
 * for an official host.
 */
@Injectable()
export class OAuthTokenClient {
  constructor(
    @Inject(VAULT_ENV) private readonly env: CredentialVaultEnv,
    private readonly egress: TokenEgress,
  ) {}

  async fetchToken(settings: { tokenUrl: string; clientId: string; scopes: string[] }, clientSecret: string): Promise<IssuedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: clientSecret,
      scope: settings.scopes.join(' '),
    });
    const tokenUrl = this.egress.policy.checkBaseUrl(settings.tokenUrl);
    let res: Response;
    try {
      res = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.env.VAULT_OAUTH_TIMEOUT_MS),
        redirect: 'error',
        dispatcher: this.egress.policy.dispatcher(),
      });
    } catch (e) {
      const refused = refusalIn(e, (cur): cur is VaultException => cur instanceof VaultException);
      if (refused) throw refused;
      throw new VaultException(VaultErrorCode.OAuthTokenFailed, `The token endpoint could not be reached: ${(e as Error).name}`, {
        tokenUrl: settings.tokenUrl,
      });
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof json['access_token'] !== 'string') {
      // RFC 6749 §5.2 error fields; they describe the failure and carry no secret.
      const error = typeof json['error'] === 'string' ? json['error'] : `HTTP ${res.status}`;
      const description = typeof json['error_description'] === 'string' ? `: ${json['error_description']}` : '';
      throw new VaultException(VaultErrorCode.OAuthTokenFailed, `The token endpoint refused: ${error}${description}`, {
        tokenUrl: settings.tokenUrl,
        status: res.status,
      });
    }
    const expiresIn = typeof json['expires_in'] === 'number' ? json['expires_in'] : Number(json['expires_in'] ?? 3600);
    return {
      accessToken: json['access_token'],
      tokenType: typeof json['token_type'] === 'string' ? json['token_type'] : 'bearer',
      expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
    };
  }
}
