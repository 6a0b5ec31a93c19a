import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ACCESS_OUTCOMES,
  CREDENTIAL_PRESETS,
  CREDENTIAL_STORAGES,
  CREDENTIAL_TYPES,
  MAX_SECRET_LENGTH,
  SYNC_REGIONS,
  type SyncRegion,
  type AccessOutcome,
  type CredentialPreset,
  type CredentialStorage,
  type CredentialType,
  type AccessLogEntry,
  type CredentialTestResult,
  type CredentialView,
  type KeyRingStatus,
  type MasterKeyRotation,
  type MasterKeyStatus,
} from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';
import type { SnakeCased } from '../http/public-names';

/*
 * The public shapes of the credential-vault contracts (`libs/contracts/src/requests/vault`), in
 * snake_case by the one rule of `../http/public-names`: the service hands bodies over with
 * `toCamelCase` and answers with `toSnakeCase`, and every answer class `implements` its contract, so
 * a field cannot be added or renamed on one side only. These classes exist for what the contracts
 * do not carry: the OpenAPI document (examples, descriptions) and the edge's validation. Deliberate
 * differences from the contracts: every string has an explicit @MaxLength (the fuzz test asks for
 * it; the contracts bound some strings by a pattern only), and validation messages name the
 * public (snake_case) field.
 */

export class ApiKeySettingsDto {
  @ApiPropertyOptional({
    example: 'Authorization',
    maxLength: 100,
    description: 'Optional with the pagerduty_api_key preset',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9-]+$/, {
    message: 'header_name must be an HTTP header name',
  })
  header_name?: string;

  @ApiPropertyOptional({
    example: 'Token token={{secret}}',
    maxLength: 500,
    description: 'Must contain {{secret}}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\{\{secret\}\}/, {
    message: 'value_template must contain the {{secret}} placeholder',
  })
  value_template?: string;
}

export class OAuth2SettingsDto {
  @ApiPropertyOptional({
    example: 'https://identity.pagerduty.com/oauth/token',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({
    require_tld: false,
    require_protocol: true,
    protocols: ['https', 'http'],
  })
  token_url?: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  client_id!: string;

  @ApiProperty({
    type: [String],
    example: ['as_account-us.acme', 'users.read'],
    maxItems: 50,
  })
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  scopes!: string[];
}

export class BasicSettingsDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  username!: string;
}

/** Only the block matching `type` may be given. */
export class CredentialSettingsBodyDto {
  @ApiPropertyOptional({ type: ApiKeySettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApiKeySettingsDto)
  api_key?: ApiKeySettingsDto;

  @ApiPropertyOptional({ type: OAuth2SettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OAuth2SettingsDto)
  oauth2?: OAuth2SettingsDto;

  @ApiPropertyOptional({ type: BasicSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BasicSettingsDto)
  basic?: BasicSettingsDto;
}

export class LocalReferenceBodyDto {
  @ApiProperty({ enum: ['env', 'file'] })
  @IsIn(['env', 'file'])
  kind!: 'env' | 'file';

  @ApiProperty({ example: 'PAGERDUTY_TOKEN', maxLength: 300 })
  @IsString()
  @MaxLength(300)
  @Matches(/^[A-Za-z0-9_./-]+$/, {
    message: 'name must be a variable name or a file path',
  })
  name!: string;
}

export class CreateCredentialDto {
  @ApiProperty({ example: 'PagerDuty production', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'pagerduty', maxLength: 50 })
  @IsString()
  @MaxLength(50)
  @Matches(/^[a-z][a-z0-9-]*$/, {
    message: 'vendor must be a lower-case slug such as pagerduty',
  })
  vendor!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ enum: CREDENTIAL_TYPES })
  @IsIn(CREDENTIAL_TYPES)
  type!: CredentialType;

  @ApiPropertyOptional({ enum: CREDENTIAL_PRESETS })
  @IsOptional()
  @IsIn(CREDENTIAL_PRESETS)
  preset?: CredentialPreset;

  @ApiPropertyOptional({ enum: CREDENTIAL_STORAGES, default: 'vault' })
  @IsOptional()
  @IsIn(CREDENTIAL_STORAGES)
  storage?: CredentialStorage;

  @ApiPropertyOptional({ type: CredentialSettingsBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CredentialSettingsBodyDto)
  settings?: CredentialSettingsBodyDto;

  @ApiPropertyOptional({
    description: 'Write-only. Required for storage vault, refused for local.',
    maxLength: MAX_SECRET_LENGTH,
    writeOnly: true,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SECRET_LENGTH)
  secret?: string;

  @ApiPropertyOptional({
    type: LocalReferenceBodyDto,
    description: 'Required for storage local',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalReferenceBodyDto)
  local_reference?: LocalReferenceBodyDto;
}

export class UpdateCredentialDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class ReplaceSecretDto {
  @ApiPropertyOptional({
    description: 'Write-only',
    maxLength: MAX_SECRET_LENGTH,
    writeOnly: true,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SECRET_LENGTH)
  secret?: string;

  @ApiPropertyOptional({ type: LocalReferenceBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalReferenceBodyDto)
  local_reference?: LocalReferenceBodyDto;

  @ApiPropertyOptional({
    type: CredentialSettingsBodyDto,
    description:
      'New settings; where the secret is sent changes only together with the secret',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CredentialSettingsBodyDto)
  settings?: CredentialSettingsBodyDto;
}

export class ListCredentialsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'pagerduty', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Matches(/^[a-z][a-z0-9-]*$/)
  vendor?: string;
}

export class AccessLogQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  credential_id?: string;

  @ApiPropertyOptional({ enum: ACCESS_OUTCOMES })
  @IsOptional()
  @IsIn(ACCESS_OUTCOMES)
  outcome?: AccessOutcome;
}

export class RotateMasterKeyDto {
  @ApiPropertyOptional({
    example: 'v2',
    maxLength: 8,
    description: 'Default: the highest version in the key ring',
  })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  @Matches(/^v[0-9]{1,6}$/, { message: 'to_version must look like v2' })
  to_version?: string;
}

class ApiKeySettingsView {
  @ApiProperty() header_name!: string;
  @ApiProperty() value_template!: string;
}
class OAuth2SettingsView {
  @ApiProperty() token_url!: string;
  @ApiProperty() client_id!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
}
class BasicSettingsView {
  @ApiProperty() username!: string;
}
class SettingsView {
  @ApiPropertyOptional({ type: ApiKeySettingsView })
  api_key?: ApiKeySettingsView;
  @ApiPropertyOptional({ type: OAuth2SettingsView })
  oauth2?: OAuth2SettingsView;
  @ApiPropertyOptional({ type: BasicSettingsView }) basic?: BasicSettingsView;
}
class LocalReferenceView {
  @ApiProperty({ enum: ['env', 'file'] }) kind!: 'env' | 'file';
  @ApiProperty() name!: string;
}
class LastTestView {
  @ApiProperty() at!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty() message!: string;
}

/** A credential as every read shows it: metadata and a masked hint, never the secret. */
export class CredentialDto implements SnakeCased<CredentialView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() vendor!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: CREDENTIAL_TYPES }) type!: CredentialType;
  @ApiProperty({ enum: CREDENTIAL_PRESETS, nullable: true })
  preset!: CredentialPreset | null;
  @ApiProperty({ enum: CREDENTIAL_STORAGES }) storage!: CredentialStorage;
  @ApiProperty({ type: SettingsView }) settings!: SettingsView;
  @ApiProperty({ type: LocalReferenceView, nullable: true })
  local_reference!: LocalReferenceView | null;
  @ApiProperty({ nullable: true, type: String, example: '••••9f3a' })
  secret_hint!: string | null;
  @ApiProperty() secret_version!: number;
  @ApiProperty({ description: 'Where the secret is kept, in words' })
  secret_stored_in!: string;
  @ApiProperty() created_by!: string;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_by!: string;
  @ApiProperty() updated_at!: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ type: LastTestView, nullable: true })
  last_test!: LastTestView | null;
}

/** Where to test the credential: the region (or base URL) it will be used with. The body is optional. */
export class TestCredentialDto {
  @ApiPropertyOptional({ enum: SYNC_REGIONS, description: "The vendor region (PagerDuty: an EU account's key works only against api.eu.pagerduty.com); default the connector's configured host" })
  @IsOptional()
  @IsIn(SYNC_REGIONS)
  region?: SyncRegion;

  @ApiPropertyOptional({ maxLength: 500, description: "Replaces the region's host; only the official hosts and integration-sync's SYNC_ALLOWED_BASE_URLS are called" })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'], disallow_auth: true }, { message: 'base_url must be an http(s) URL without userinfo' })
  base_url?: string;
}

export class CredentialTestResultDto implements SnakeCased<CredentialTestResult> {
  @ApiProperty({ format: 'uuid' }) credential_id!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: "The vendor's HTTP status" })
  status?: number;
  @ApiProperty({ description: "OK or the vendor's error message" })
  message!: string;
  @ApiPropertyOptional({ description: 'The base URL that was called (which endpoint answered), e.g. https://api.eu.pagerduty.com' })
  endpoint?: string;
  @ApiProperty() tested_at!: string;
}

export class DeletedCredentialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() deleted!: boolean;
}

export class AccessLogEntryDto implements SnakeCased<AccessLogEntry> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) credential_id!: string;
  @ApiProperty({ enum: ['resolve', 'rewrap'] }) action!: AccessLogEntry['action'];
  @ApiProperty() caller_service!: string;
  @ApiProperty({ nullable: true, type: String }) integration_id!: string | null;
  @ApiProperty({ nullable: true, type: String }) run_id!: string | null;
  @ApiProperty({ nullable: true, type: String }) workflow_id!: string | null;
  @ApiProperty({ nullable: true, type: String }) workflow_run_id!:
    | string
    | null;
  @ApiProperty({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty({ enum: ACCESS_OUTCOMES }) outcome!: AccessOutcome;
  @ApiProperty({ nullable: true, type: String }) error_code!: string | null;
  @ApiProperty({ nullable: true, type: String }) error_message!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlation_id!: string | null;
  @ApiProperty() at!: string;
}

export class MasterKeyDto implements SnakeCased<MasterKeyStatus> {
  @ApiProperty({ example: 'v2' }) version!: string;
  @ApiProperty({ enum: ['active', 'available', 'retired'] }) state!: MasterKeyStatus['state'];
  @ApiProperty() in_ring!: boolean;
  @ApiProperty() wrapped_data_keys!: number;
  @ApiProperty({ nullable: true, type: String }) activated_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) retired_at!: string | null;
}

/** The key ring; a rotation's answer adds `from_versions` and `rewrapped`. */
export class KeyRingDto implements SnakeCased<KeyRingStatus & Partial<Pick<MasterKeyRotation, 'fromVersions' | 'rewrapped'>>> {
  @ApiProperty() active_version!: string;
  @ApiProperty({ type: [MasterKeyDto] }) keys!: MasterKeyDto[];
  @ApiPropertyOptional({ type: [String] }) from_versions?: string[];
  @ApiPropertyOptional() rewrapped?: number;
}
