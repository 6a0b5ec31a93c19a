import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { defineRequest } from '../../define-request';
import {
  ActorFields,
  CREDENTIAL_PRESETS,
  CREDENTIAL_STORAGES,
  CREDENTIAL_TYPES,
  CredentialSettingsDto,
  LocalReferenceDto,
  MAX_SECRET_LENGTH,
  type CredentialPreset,
  type CredentialStorage,
  type CredentialType,
  type CredentialView,
} from './credential-shapes';

export class CreateCredentialRequest extends ActorFields {
  /** Unique display name, e.g. `PagerDuty production`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** The vendor this credential is for, e.g. `pagerduty` (lower-case slug). */
  @Matches(/^[a-z][a-z0-9-]{0,49}$/, { message: 'vendor must be a lower-case slug such as pagerduty' })
  vendor!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsIn(CREDENTIAL_TYPES)
  type!: CredentialType;

  @IsOptional()
  @IsIn(CREDENTIAL_PRESETS)
  preset?: CredentialPreset;

  /** Default `vault`. */
  @IsOptional()
  @IsIn(CREDENTIAL_STORAGES)
  storage?: CredentialStorage;

  @IsOptional()
  @ValidateNested()
  @Type(() => CredentialSettingsDto)
  settings?: CredentialSettingsDto;

  /** The secret (API key, client secret or password). Required for `vault` storage, refused for `local`. Write-only. */
  @ValidateIf((o: CreateCredentialRequest) => o.storage !== 'local' || o.secret !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SECRET_LENGTH)
  secret?: string;

  /** Required for `local` storage: where the runner keeps the secret. */
  @ValidateIf((o: CreateCredentialRequest) => o.storage === 'local' || o.localReference !== undefined)
  @ValidateNested()
  @Type(() => LocalReferenceDto)
  localReference?: LocalReferenceDto;
}

/** Creates a credential; the reply is its metadata (the secret is never returned). */
export const VaultCredentialsCreate = defineRequest<CredentialView>(
  'vault.credentials.create',
  CreateCredentialRequest,
  'credential-vault',
);
