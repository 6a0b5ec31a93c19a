import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const SYNC_VENDORS = ['pagerduty'] as const;
export type SyncVendor = (typeof SYNC_VENDORS)[number];

/** `user`: people only; `user_and_saas_user`: people and the SaaS-user records they hold. */
export const INTEGRATION_RECORD_TYPES = ['user', 'user_and_saas_user'] as const;
export type IntegrationRecordType = (typeof INTEGRATION_RECORD_TYPES)[number];

/** `cloud`: the credential comes from the vault; `local`: the runner of `runnerPool` reads it from its own env or file. */
export const INSTALLATION_TYPES = ['cloud', 'local'] as const;
export type InstallationType = (typeof INSTALLATION_TYPES)[number];

export const SYNC_REGIONS = ['us', 'eu'] as const;
export type SyncRegion = (typeof SYNC_REGIONS)[number];

export const INTEGRATION_PREFERENCES = ['create_update', 'create_only', 'update_only'] as const;
export type IntegrationPreference = (typeof INTEGRATION_PREFERENCES)[number];

export const INTEGRATION_STATUSES = ['draft', 'active', 'paused'] as const;
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

/** When runs start: every `intervalMinutes`, or daily at `timeOfDay` in `timeZone`. Default: daily at 02:00 UTC. */
export class ScheduleDto {
  @IsIn(['interval', 'daily'])
  kind!: 'interval' | 'daily';

  /** `interval` only: minutes between runs, 5 to 10,080 (a week). */
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10_080)
  intervalMinutes?: number;

  /** `daily` only: `HH:mm`, 24-hour clock. */
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'timeOfDay must be HH:mm (24-hour clock)' })
  timeOfDay?: string;

  /** `daily` only: an IANA time zone, e.g. `Europe/Paris` (default `UTC`). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

/** Optional data fetched with each user, at the cost of extra calls noted per field. */
export class ExtrasDto {
  /** Team memberships (`include[]=teams`, no extra call). */
  @IsOptional() @IsBoolean() teams?: boolean;
  /** The user's licence, from the role (one `GET /licenses` per run). */
  @IsOptional() @IsBoolean() licence?: boolean;
  /** `lastActivityAt` from `POST /analytics/raw/users` (one extra call per page). */
  @IsOptional() @IsBoolean() lastSignIn?: boolean;
}

/** Where a `local` runner finds the secret: an environment variable or a file. Only the name is stored. */
export class LocalSecretRefDto {
  @IsIn(['env', 'file'])
  kind!: 'env' | 'file';

  @IsString()
  @Matches(/^[A-Za-z0-9_./-]{1,300}$/, { message: 'name must be a variable name or a file path (letters, digits, _ . / -)' })
  name!: string;

  /** `token` (API key, `Token token=`) or `bearer` (OAuth access token). Default `token`. */
  @IsOptional()
  @IsIn(['token', 'bearer'])
  authKind?: 'token' | 'bearer';
}

export class CreateIntegrationRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** Only `pagerduty` for now. */
  @IsString()
  vendor!: string;

  @IsIn(INTEGRATION_RECORD_TYPES)
  recordType!: IntegrationRecordType;

  @IsIn(INSTALLATION_TYPES)
  installationType!: InstallationType;

  /** `cloud`: the vault credential to use. */
  @IsOptional()
  @IsUUID()
  credentialId?: string;

  /** `local`: where the runner finds the secret. */
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalSecretRefDto)
  localSecret?: LocalSecretRefDto;

  /** `local`: which runners take this integration (their `SYNC_RUNNER_POOL`). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'runnerPool must be lower-case letters, digits and dashes' })
  runnerPool?: string;

  @IsIn(SYNC_REGIONS)
  region!: SyncRegion;

  /** Replaces the region's host, e.g. the simulator's URL. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(500)
  baseUrl?: string;

  @IsOptional()
  @IsIn(INTEGRATION_PREFERENCES)
  preference?: IntegrationPreference;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExtrasDto)
  extras?: ExtrasDto;

  /** Who asks (from the gateway). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

/** Every field optional; vendor and installation type cannot change (create a new integration). */
export class UpdateIntegrationRequest {
  @IsUUID()
  integrationId!: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @IsOptional() @IsIn(INTEGRATION_RECORD_TYPES) recordType?: IntegrationRecordType;
  @IsOptional() @IsUUID() credentialId?: string;
  @IsOptional() @ValidateNested() @Type(() => LocalSecretRefDto) localSecret?: LocalSecretRefDto;
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/) runnerPool?: string;
  @IsOptional() @IsIn(SYNC_REGIONS) region?: SyncRegion;
  /** Empty string clears the override. */
  @IsOptional() @IsString() @MaxLength(500) baseUrl?: string;
  @IsOptional() @IsIn(INTEGRATION_PREFERENCES) preference?: IntegrationPreference;
  @IsOptional() @ValidateNested() @Type(() => ScheduleDto) schedule?: ScheduleDto;
  @IsOptional() @ValidateNested() @Type(() => ExtrasDto) extras?: ExtrasDto;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class IntegrationIdRequest {
  @IsUUID()
  integrationId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

export class ListIntegrationsRequest {
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @IsIn(INTEGRATION_STATUSES) status?: IntegrationStatus;
}

export interface IntegrationView {
  id: string;
  name: string;
  vendor: SyncVendor;
  recordType: IntegrationRecordType;
  installationType: InstallationType;
  credentialId: string | null;
  localSecret: { kind: 'env' | 'file'; name: string; authKind: 'token' | 'bearer' } | null;
  runnerPool: string;
  region: SyncRegion;
  baseUrl: string | null;
  preference: IntegrationPreference;
  schedule: { kind: 'interval' | 'daily'; intervalMinutes: number | null; timeOfDay: string | null; timeZone: string };
  extras: { teams: boolean; licence: boolean; lastSignIn: boolean };
  status: IntegrationStatus;
  /** When the schedule next starts a run (null unless active). */
  nextRunAt: string | null;
  lastRun: { id: string; status: string; finishedAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface SyncPage<T> {
  data: T[];
  nextCursor: string | null;
}
