import { Secret, ServiceEnv } from '@seatkeeper/platform-config';
import { IsDefined, IsOptional, IsString, MinLength, ValidateIf } from 'class-validator';

/** The reporting service's environment: the shared bases plus the share-link key; fails fast at boot. */
export class ReportingEnv extends ServiceEnv {
  override INTERNAL_PORT = 9105;

  /**
   * HMAC-SHA256 key that signs share links (≥ 32 characters). Required in production; elsewhere
   * a missing key gets an ephemeral one (links then die with the process). Every replica needs
   * the same key. Or mount it as a file: REPORTING_SHARE_LINK_KEY_FILE.
   */
  @Secret()
  @ValidateIf((e: ReportingEnv) => e.REPORTING_SHARE_LINK_KEY !== undefined || (e.NODE_ENV === 'production' && !e.REPORTING_SHARE_LINK_KEY_FILE))
  @IsDefined({ message: 'REPORTING_SHARE_LINK_KEY or REPORTING_SHARE_LINK_KEY_FILE is required in production' })
  @IsString()
  @MinLength(32)
  REPORTING_SHARE_LINK_KEY?: string;

  /** A mounted file holding the share-link key (read once at start). */
  @IsOptional()
  @IsString()
  REPORTING_SHARE_LINK_KEY_FILE?: string;
}
