import { ArrayMaxSize, IsArray, IsInt, IsObject, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../../define-event';

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

  /** The vendor's records as fetched (unknown fields kept). */
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  records!: Record<string, unknown>[];
}

export const SyncBatchFetchedV1 = defineEvent('sync.batch.fetched.v1', SyncBatchFetchedPayload);
