import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineRequest } from '../../define-request';
import { ActorFields, CredentialSettingsDto, LocalReferenceDto, MAX_SECRET_LENGTH, type CredentialView } from './credential-shapes';

export class UpdateCredentialRequest extends ActorFields {
  @IsUUID()
  id!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/**
 * Changes metadata only (name, description). Settings that decide where the secret is sent
 * (token URL, header, template, client id, scopes) change only with `replace-secret`, so that
 * nobody can redirect a stored secret to another host without knowing it.
 */
export const VaultCredentialsUpdate = defineRequest<CredentialView>('vault.credentials.update', UpdateCredentialRequest, 'credential-vault');

export class ReplaceCredentialSecretRequest extends ActorFields {
  @IsUUID()
  id!: string;

  /** The new secret (vault storage). Write-only. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SECRET_LENGTH)
  secret?: string;

  /** The new reference (local storage). */
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalReferenceDto)
  localReference?: LocalReferenceDto;

  /** New settings for the credential's type; omitted = keep the current ones. */
  @IsOptional()
  @ValidateNested()
  @Type(() => CredentialSettingsDto)
  settings?: CredentialSettingsDto;
}

/** Replaces the secret (and optionally its settings); `secretVersion` goes up by one, cached OAuth tokens are dropped. */
export const VaultCredentialsReplaceSecret = defineRequest<CredentialView>(
  'vault.credentials.replace-secret',
  ReplaceCredentialSecretRequest,
  'credential-vault',
);

export class DeleteCredentialRequest extends ActorFields {
  @IsUUID()
  id!: string;
}

/**
 * Deletes a credential unless something still uses it: `CONFLICT` with
 * `details.references = [{kind, id, name}]`; `SERVICE_UNAVAILABLE` when integration-sync cannot
 * say (the vault refuses rather than guess).
 */
export const VaultCredentialsDelete = defineRequest<{ id: string; deleted: true }>(
  'vault.credentials.delete',
  DeleteCredentialRequest,
  'credential-vault',
);
