import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../../define-event';
import { OpaqueJson } from '../../opaque-json';

/** One page of vendor records fetched by a sync run, in vendor shape (mapping turns them into directory records). */
export class SyncBatchFetchedPayload {
  /** The sync run this page belongs to. */
  @IsUUID()
  runId!: string;

  /** The integration that was synced. */
  @IsUUID()
  integrationId!: string;

  /** Vendor key, e.g. `pagerduty`. */
  @IsString()
  vendor!: string;

  /** 1-based position of this page within the run; with `runId` it identifies the page. */
  @IsInt()
  @Min(1)
  seq!: number;

  /**
   * The integration's record type when the run started: `user` (people only) or
   * `user_and_saas_user`. The integration owns it; mapping applies the batch under it.
   */
  @IsOptional()
  @IsIn(['user', 'user_and_saas_user'])
  recordType?: 'user' | 'user_and_saas_user';

  /** The integration's preference when the run started: create & update, create only, update only. */
  @IsOptional()
  @IsIn(['create_update', 'create_only', 'update_only'])
  preference?: 'create_update' | 'create_only' | 'update_only';

  /** The vendor's records as fetched (unknown fields kept). */
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @OpaqueJson()
  records!: Record<string, unknown>[];
}

export const SyncBatchFetchedV1 = defineEvent('sync.batch.fetched.v1', SyncBatchFetchedPayload);
