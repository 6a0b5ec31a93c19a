import { Secret, ServiceEnv } from '@seatkeeper/platform-config';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';

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

  /** Deliver scheduled reports from this replica (any number may; each due time is claimed once). */
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  REPORTING_SCHEDULER_ENABLED = true;

  /** How often due schedules are looked for. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  REPORTING_SCHEDULER_TICK_MS = 15_000;

  /** How long one webhook delivery may take, the whole file included. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  REPORTING_WEBHOOK_TIMEOUT_MS = 300_000;

  /** Attempts at one delivery, the first included (a network error, a timeout, 408, 429 or 5xx is tried again). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  REPORTING_WEBHOOK_MAX_ATTEMPTS = 3;

  /** Wait before the first retry; it doubles (with jitter) up to 60 s. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  REPORTING_WEBHOOK_RETRY_INITIAL_MS = 5_000;
}
