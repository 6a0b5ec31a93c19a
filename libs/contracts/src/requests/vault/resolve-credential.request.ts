import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineRequest } from '../../define-request';
import { SERVICE_NAMES, type ServiceName } from '../../services';
import type { CredentialStorage, CredentialType } from './credential-shapes';

/** Who asks and what for. Declared by the caller; NATS permissions decide who may ask at all. */
export class ResolveCallerDto {
  /** The asking service; only `integration-sync` is answered. */
  @IsIn(SERVICE_NAMES)
  service!: ServiceName;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  integrationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  runId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  workflowId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  workflowRunId?: string;

  /** Free text, e.g. `sync-run`, `credential-test`, `workflow-step`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  purpose?: string;
}

export class ResolveCredentialRequest {
  @IsUUID()
  credentialId!: string;

  @ValidateNested()
  @Type(() => ResolveCallerDto)
  caller!: ResolveCallerDto;
}

/**
 * A usable secret. For `vault` storage: the HTTP headers to send (template rendered, OAuth token
 * obtained and cached by the vault, Basic encoded). For `local` storage: no secret, only where the
 * runner finds it and how to render it.
 */
export interface ResolvedCredential {
  credentialId: string;
  vendor: string;
  type: CredentialType;
  storage: CredentialStorage;
  secretVersion: number;
  /** `vault` storage: headers to add to each vendor request. They contain the secret: never log them. */
  headers?: Record<string, string>;
  /** OAuth only: when the access token in `headers` expires (ISO-8601). */
  expiresAt?: string;
  /** `local` storage only. */
  local?: {
    reference: { kind: 'env' | 'file'; name: string };
    /** How to turn the runner's secret into headers (same meaning as the credential's settings). */
    settings: {
      apiKey?: { headerName: string; valueTemplate: string };
      oauth2?: { tokenUrl: string; clientId: string; scopes: string[] };
      basic?: { username: string };
    };
  };
}

/**
 * The only way a plaintext secret leaves the vault. NATS lets only integration-sync's user publish
 * here (deploy/nats); every answer, granted or not, is written to the access log.
 */
export const VaultCredentialsResolve = defineRequest<ResolvedCredential>(
  'vault.credentials.resolve',
  ResolveCredentialRequest,
  'credential-vault',
);
