import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../../define-event';

/** A run has fetched its last page. Only a `complete` run may reconcile (mark users missing upstream). */
export class SyncRunFetchedPayload {
  @IsUUID()
  runId!: string;

  @IsUUID()
  integrationId!: string;

  @IsString()
  vendor!: string;

  /** How many `sync.batch.fetched.v1` pages the run published. */
  @IsInt()
  @Min(0)
  batches!: number;

  /** How many records the pages held in all. */
  @IsInt()
  @Min(0)
  records!: number;

  /** True only when every page was fetched without gaps and the count matches the vendor's total. */
  @IsBoolean()
  complete!: boolean;

  /** Why the run is incomplete, when it is. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export const SyncRunFetchedV1 = defineEvent('sync.run.fetched.v1', SyncRunFetchedPayload);
