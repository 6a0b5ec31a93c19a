import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  INSTALLATION_TYPES,
  INTEGRATION_PREFERENCES,
  INTEGRATION_RECORD_TYPES,
  INTEGRATION_STATUSES,
  SYNC_REGIONS,
  SYNC_VENDORS,
  type InstallationType,
  type IntegrationPreference,
  type IntegrationRecordType,
  type IntegrationStatus,
  type SyncRegion,
  type SyncVendor,
} from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';

// Request bodies and queries of /api/v1/integrations. The rules repeat the sync contract's
// (libs/contracts/src/requests/sync/integration.dto.ts) so that a malformed request is a 400
// naming the public field before any call; rules that need the stored integration (cloud needs a
// credential, local a secret reference, the time zone exists) stay with the service.

const URL_RULE = { require_tld: false, require_protocol: true, protocols: ['http', 'https'], disallow_auth: true };
const RUNNER_POOL = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class ScheduleBodyDto {
  @ApiProperty({ enum: ['interval', 'daily'] })
  @IsIn(['interval', 'daily'])
  kind!: 'interval' | 'daily';

  @ApiPropertyOptional({ minimum: 5, maximum: 10_080, description: '`interval` only: minutes between runs' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10_080)
  interval_minutes?: number;

  @ApiPropertyOptional({ example: '02:00', maxLength: 5, description: '`daily` only: HH:mm, 24-hour clock' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time_of_day must be HH:mm (24-hour clock)' })
  time_of_day?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', maxLength: 64, default: 'UTC', description: '`daily` only: an IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  time_zone?: string;
}

export class ExtrasBodyDto {
  @ApiPropertyOptional({ description: 'Team memberships (no extra call)' })
  @IsOptional()
  @IsBoolean()
  teams?: boolean;

  @ApiPropertyOptional({ description: "The user's licence (one extra call per run)" })
  @IsOptional()
  @IsBoolean()
  licence?: boolean;

  @ApiPropertyOptional({ description: 'Last sign-in from PagerDuty analytics (one extra call per page)' })
  @IsOptional()
  @IsBoolean()
  last_sign_in?: boolean;
}

/** Where a `local` runner finds the secret. Only the reference is stored, never the secret. */
export class LocalSecretBodyDto {
  @ApiProperty({ enum: ['env', 'file'] })
  @IsIn(['env', 'file'])
  kind!: 'env' | 'file';

  @ApiProperty({ example: 'PAGERDUTY_TOKEN', maxLength: 300 })
  @IsString()
  @MaxLength(300)
  @Matches(/^[A-Za-z0-9_./-]+$/, { message: 'name must be a variable name or a file path (letters, digits, _ . / -)' })
  name!: string;

  @ApiPropertyOptional({ enum: ['token', 'bearer'], default: 'token', description: 'API key (`Token token=`) or OAuth bearer token' })
  @IsOptional()
  @IsIn(['token', 'bearer'])
  auth_kind?: 'token' | 'bearer';
}

export class CreateIntegrationDto {
  @ApiProperty({ example: 'PagerDuty production', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: SYNC_VENDORS })
  @IsIn(SYNC_VENDORS)
  vendor!: SyncVendor;

  @ApiProperty({ enum: INTEGRATION_RECORD_TYPES, description: '`user`: people only; `user_and_saas_user`: people and their SaaS-user records' })
  @IsIn(INTEGRATION_RECORD_TYPES)
  record_type!: IntegrationRecordType;

  @ApiProperty({ enum: INSTALLATION_TYPES, description: '`cloud`: credential from the vault; `local`: secret read by the runner' })
  @IsIn(INSTALLATION_TYPES)
  installation_type!: InstallationType;

  @ApiPropertyOptional({ format: 'uuid', description: '`cloud` only, required there: the vault credential' })
  @IsOptional()
  @IsUUID()
  credential_id?: string;

  @ApiPropertyOptional({ type: LocalSecretBodyDto, description: '`local` only, required there' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalSecretBodyDto)
  local_secret?: LocalSecretBodyDto;

  @ApiPropertyOptional({ example: 'default', maxLength: 63, default: 'default', description: 'Which runners take it (their SYNC_RUNNER_POOL)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  @Matches(RUNNER_POOL, { message: 'runner_pool must be lower-case letters, digits and dashes' })
  runner_pool?: string;

  @ApiProperty({ enum: SYNC_REGIONS })
  @IsIn(SYNC_REGIONS)
  region!: SyncRegion;

  @ApiPropertyOptional({ example: 'https://api.pagerduty.com', maxLength: 500, description: "Replaces the region's host (e.g. a simulator)" })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl(URL_RULE, { message: 'base_url must be an http(s) URL' })
  base_url?: string;

  @ApiPropertyOptional({ enum: INTEGRATION_PREFERENCES, default: 'create_update' })
  @IsOptional()
  @IsIn(INTEGRATION_PREFERENCES)
  preference?: IntegrationPreference;

  @ApiPropertyOptional({ type: ScheduleBodyDto, description: 'Default: daily at 02:00 UTC' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleBodyDto)
  schedule?: ScheduleBodyDto;

  @ApiPropertyOptional({ type: ExtrasBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtrasBodyDto)
  extras?: ExtrasBodyDto;
}

/** Every field optional; vendor and installation type cannot change (create a new integration). */
export class UpdateIntegrationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: INTEGRATION_RECORD_TYPES })
  @IsOptional()
  @IsIn(INTEGRATION_RECORD_TYPES)
  record_type?: IntegrationRecordType;

  @ApiPropertyOptional({ format: 'uuid', description: '`cloud` integrations only' })
  @IsOptional()
  @IsUUID()
  credential_id?: string;

  @ApiPropertyOptional({ type: LocalSecretBodyDto, description: '`local` integrations only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalSecretBodyDto)
  local_secret?: LocalSecretBodyDto;

  @ApiPropertyOptional({ maxLength: 63 })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  @Matches(RUNNER_POOL, { message: 'runner_pool must be lower-case letters, digits and dashes' })
  runner_pool?: string;

  @ApiPropertyOptional({ enum: SYNC_REGIONS })
  @IsOptional()
  @IsIn(SYNC_REGIONS)
  region?: SyncRegion;

  @ApiPropertyOptional({ maxLength: 500, description: 'An http(s) URL, or the empty string to clear the override' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  // The empty string clears the override, so only a non-empty value must be a URL.
  @ValidateIf((o: UpdateIntegrationDto) => o.base_url !== '')
  @IsUrl(URL_RULE, { message: 'base_url must be an http(s) URL, or empty to clear it' })
  base_url?: string;

  @ApiPropertyOptional({ enum: INTEGRATION_PREFERENCES })
  @IsOptional()
  @IsIn(INTEGRATION_PREFERENCES)
  preference?: IntegrationPreference;

  @ApiPropertyOptional({ type: ScheduleBodyDto, description: 'Replaces the whole schedule' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleBodyDto)
  schedule?: ScheduleBodyDto;

  @ApiPropertyOptional({ type: ExtrasBodyDto, description: 'Merged into the current extras' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtrasBodyDto)
  extras?: ExtrasBodyDto;
}

export class ListIntegrationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: INTEGRATION_STATUSES })
  @IsOptional()
  @IsIn(INTEGRATION_STATUSES)
  status?: IntegrationStatus;
}
