import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../../define-event';

/** A run is closed: mapping applied its batches. `incomplete` runs reconciled nothing. */
export class SyncRunCompletedPayload {
  @IsUUID()
  runId!: string;

  @IsUUID()
  integrationId!: string;

  @IsIn(['completed', 'incomplete'])
  status!: 'completed' | 'incomplete';

  /** Distinct records fetched. */
  @IsInt() @Min(0) fetched!: number;
  @IsInt() @Min(0) pages!: number;
  @IsInt() @Min(0) quarantined!: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export const SyncRunCompletedV1 = defineEvent('sync.run.completed.v1', SyncRunCompletedPayload);
