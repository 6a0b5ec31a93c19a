import { IsAllowedUrlList } from '@seatkeeper/connector-kit';
import { Secret, ServiceEnv } from '@seatkeeper/platform-config';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { IsMasterKeyRing } from '../crypto/master-key-ring';

/** The credential-vault service's environment: the shared bases plus the master key ring; fails fast at boot. */
export class CredentialVaultEnv extends ServiceEnv {
  override INTERNAL_PORT = 9101;

  /**
   * The master key ring: `v1:<base64 32 bytes>,v2:<base64>` or JSON `{"v1":"<base64>"}`. Rotation
   * adds a version here (or in the file), then `vault.keys.rotate` makes it active. Required in
   * production unless VAULT_MASTER_KEYS_FILE is set; elsewhere a missing ring gets an ephemeral key.
   */
  @Secret()
  @ValidateIf((e: CredentialVaultEnv) => e.VAULT_MASTER_KEYS !== undefined || (e.NODE_ENV === 'production' && !e.VAULT_MASTER_KEYS_FILE))
  @IsDefined({ message: 'VAULT_MASTER_KEYS or VAULT_MASTER_KEYS_FILE is required in production' })
  @IsMasterKeyRing()
  VAULT_MASTER_KEYS?: string;

  /** A mounted file holding the ring in the same format; re-read before each rotation. */
  @IsOptional()
  @IsString()
  VAULT_MASTER_KEYS_FILE?: string;

  /** Renew a cached OAuth access token this long before it expires (capped at half its lifetime). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  VAULT_OAUTH_RENEW_BEFORE_SECONDS = 300;

  /**
   * OAuth token endpoints allowed besides the presets' official ones (identity.pagerduty.com),
   * comma-separated: the simulator, an identity proxy. The vault sends a client secret to no other
   * URL, whatever a credential's settings say; a listed host may resolve to a private address, an
   * official one may not.
   */
  @IsAllowedUrlList('VAULT_ALLOWED_TOKEN_URLS')
  VAULT_ALLOWED_TOKEN_URLS: string[] = [];

  /** Timeout of one call to an OAuth token endpoint. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  VAULT_OAUTH_TIMEOUT_MS = 10_000;

  /** How long a credential test may take (integration-sync calls the vendor). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  VAULT_CREDENTIAL_TEST_TIMEOUT_MS = 20_000;
}
