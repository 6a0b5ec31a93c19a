import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { defineRequest } from '../../define-request';

export interface QuarantinedRecordView {
  id: string;
  integrationId: string;
  runId: string | null;
  seq: number | null;
  /** The vendor record exactly as it arrived. */
  record: Record<string, unknown>;
  reason: string;
  status: 'open' | 'resolved';
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

export class ListQuarantineRequest {
  @IsOptional()
  @IsUUID()
  integrationId?: string;

  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

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

export class RetryQuarantineRequest {
  @IsUUID()
  integrationId!: string;

  /** Only these records (default: every open record of the integration). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export interface RetryQuarantineResult {
  retried: number;
  applied: number;
  stillQuarantined: number;
}

export const MappingQuarantineList = defineRequest<{ data: QuarantinedRecordView[]; nextCursor: string | null }>(
  'mapping.quarantine.list',
  ListQuarantineRequest,
  'mapping',
);

/** Re-applies quarantined records under the current mapping (after it was fixed). */
export const MappingQuarantineRetry = defineRequest<RetryQuarantineResult>(
  'mapping.quarantine.retry',
  RetryQuarantineRequest,
  'mapping',
);
