import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { defineRequest } from '../../define-request';

export const ACCESS_OUTCOMES = ['granted', 'denied', 'failed', 'not_found'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

export class ListAccessLogRequest {
  @IsOptional()
  @IsUUID()
  credentialId?: string;

  @IsOptional()
  @IsIn(ACCESS_OUTCOMES)
  outcome?: AccessOutcome;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** One use (or attempted use) of a credential's secret. */
export interface AccessLogEntry {
  id: string;
  credentialId: string;
  /** `resolve` (a secret handed out) or `rewrap` failures during key rotation. */
  action: 'resolve' | 'rewrap';
  callerService: string;
  integrationId: string | null;
  runId: string | null;
  workflowId: string | null;
  workflowRunId: string | null;
  purpose: string | null;
  outcome: AccessOutcome;
  /** Stable code of a refusal or failure, e.g. `CREDENTIAL_INTEGRITY_FAILED`. */
  errorCode: string | null;
  errorMessage: string | null;
  correlationId: string | null;
  at: string;
}

export interface AccessLogPage {
  data: AccessLogEntry[];
  next_cursor: string | null;
}

/** The access log, newest first (admins only, through the gateway). */
export const VaultAccessLogList = defineRequest<AccessLogPage>('vault.access-log.list', ListAccessLogRequest, 'credential-vault');
