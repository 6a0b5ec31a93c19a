import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const RUN_STATUSES = ['queued', 'fetching', 'applying', 'completed', 'incomplete', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run is going (and blocks another) in these statuses. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'fetching', 'applying'];

export class StartRunRequest {
  @IsUUID()
  integrationId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

export class RunIdRequest {
  @IsUUID()
  runId!: string;
}

export class ListRunsRequest {
  @IsOptional() @IsUUID() integrationId?: string;
  @IsOptional() @IsIn(RUN_STATUSES) status?: RunStatus;
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export interface RunView {
  id: string;
  integrationId: string;
  trigger: 'schedule' | 'manual';
  status: RunStatus;
  /** Fetching progress, 0..1 (users fetched / PagerDuty's total); 1 once fetched. */
  progress: number;
  counts: {
    /** Batches published (`sync.batch.fetched.v1`). */
    pages: number;
    /** Vendor requests made. */
    requests: number;
    /** Distinct records fetched. */
    fetched: number;
    /** The vendor's own total, when it gave one. */
    vendorTotal: number | null;
    /** From mapping's `directory.sync.applied.v1`, once applied. */
    applied: number | null;
    quarantined: number | null;
  };
  complete: boolean | null;
  /** Why the run is incomplete or failed. */
  reason: string | null;
  errors: { at: string; message: string }[];
  queuedAt: string;
  startedAt: string | null;
  fetchedAt: string | null;
  finishedAt: string | null;
}
