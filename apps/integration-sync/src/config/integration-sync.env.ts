import { ServiceEnv } from '@seatkeeper/platform-config';
import { Transform, Type } from 'class-transformer';
import { BASE_URL_RULE, IsAllowedUrlList } from '@seatkeeper/connector-kit';
import { pagerDutyEgress } from '@seatkeeper/connector-pagerduty';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * Boot check: the credential-test host is one a credential may be sent to. PagerDuty's policy by
 * name: SYNC_PAGERDUTY_BASE_URL is PagerDuty-specific config (the vault's test on save names no host).
 */
@ValidatorConstraint({ name: 'allowedBaseUrl' })
class AllowedBaseUrl implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    try {
      pagerDutyEgress((args.object as IntegrationSyncEnv).SYNC_ALLOWED_BASE_URLS).checkBaseUrl(String(value));
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'SYNC_PAGERDUTY_BASE_URL must be an official PagerDuty host or one of SYNC_ALLOWED_BASE_URLS';
  }
}

/** The integration-sync service's environment: the shared bases plus the runner's knobs; fails fast at boot. */
export class IntegrationSyncEnv extends ServiceEnv {
  override INTERNAL_PORT = 9102;

  /** The runner pool this replica serves: it claims only the schedules and runs of integrations in this pool. */
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'SYNC_RUNNER_POOL must be lower-case letters, digits and dashes' })
  SYNC_RUNNER_POOL = 'default';

  /** The vendor account's limit per key per minute (PagerDuty: 960). 0 = unlimited (simulator benchmarks only). */
  @Type(() => Number) @IsInt() @Min(0) @Max(100_000)
  SYNC_RATE_LIMIT_PER_MINUTE = 960;

  /** Share of that limit the connector may use; the rest is left to the customer's other automations. */
  @Type(() => Number) @IsNumber() @Min(0.01) @Max(1)
  SYNC_RATE_SHARE = 0.5;

  @Type(() => Number) @IsInt() @Min(1) @Max(100)
  SYNC_PAGE_SIZE = 100;

  @Type(() => Number) @IsInt() @Min(100) @Max(300_000)
  SYNC_HTTP_TIMEOUT_MS = 30_000;

  /** Attempts per vendor request, the first included (429, 5xx, timeouts, dropped connections). */
  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  SYNC_RETRY_MAX_ATTEMPTS = 6;

  @Type(() => Number) @IsInt() @Min(1) @Max(60_000)
  SYNC_RETRY_INITIAL_DELAY_MS = 250;

  /** How often the worker looks for queued runs and runs whose runner stopped. */
  @Type(() => Number) @IsInt() @Min(50) @Max(600_000)
  SYNC_WORKER_POLL_MS = 1000;

  @Type(() => Number) @IsInt() @Min(1) @Max(50)
  SYNC_MAX_CONCURRENT_RUNS = 2;

  /** A run whose runner has not renewed its lease for this long is taken over (crash recovery). */
  @Type(() => Number) @IsInt() @Min(500) @Max(3_600_000)
  SYNC_RUN_LEASE_MS = 60_000;

  /**
   * Attempts of a run that end in an unexpected error (a bug, the database gone) or a runner that
   * died mid-run; a graceful hand-over does not count. Past it the run is `failed` with the last error.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(100)
  SYNC_RUN_MAX_ATTEMPTS = 5;

  /** A run whose fetch ended but that mapping has not reported applied within this long is closed `incomplete`. */
  @Type(() => Number) @IsInt() @Min(1000) @Max(7 * 86_400_000)
  SYNC_APPLY_TIMEOUT_MS = 6 * 3_600_000;

  @Transform(toBool) @IsBoolean()
  SYNC_SCHEDULER_ENABLED = true;

  @Type(() => Number) @IsInt() @Min(50) @Max(3_600_000)
  SYNC_SCHEDULER_TICK_MS = 5000;

  /**
   * Vendor base URLs allowed besides the official ones (api.pagerduty.com, api.eu.pagerduty.com),
   * comma-separated: the simulator, a proxy. A vault credential is sent to no other host, whatever an
   * integration's base URL says. A listed host may resolve to a private address; an official one may not.
   */
  @IsAllowedUrlList('SYNC_ALLOWED_BASE_URLS')
  SYNC_ALLOWED_BASE_URLS: string[] = [];

  /**
   * PagerDuty host for credential tests that name neither a region nor a base URL (the vault's test on
   * save); default the US host. Must be an official host or one of SYNC_ALLOWED_BASE_URLS.
   */
  @IsOptional()
  @IsUrl(BASE_URL_RULE)
  @Validate(AllowedBaseUrl)
  SYNC_PAGERDUTY_BASE_URL?: string;
}
