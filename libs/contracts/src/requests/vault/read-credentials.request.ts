import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineRequest } from '../../define-request';
import type { CredentialView } from './credential-shapes';

export class ListCredentialsRequest {
  /** Page size, 1–200 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `next_cursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,49}$/)
  vendor?: string;
}

export interface CredentialPage {
  data: CredentialView[];
  next_cursor: string | null;
}

/** Lists credentials (metadata only), newest first. */
export const VaultCredentialsList = defineRequest<CredentialPage>('vault.credentials.list', ListCredentialsRequest, 'credential-vault');

export class GetCredentialRequest {
  @IsUUID()
  id!: string;
}

/** One credential's metadata; `NOT_FOUND` when there is none. */
export const VaultCredentialsGet = defineRequest<CredentialView>('vault.credentials.get', GetCredentialRequest, 'credential-vault');
