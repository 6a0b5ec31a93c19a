import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../../define-event';

/** Mapping has applied every batch of a run (and reconciled, if the run was complete). */
export class DirectorySyncAppliedPayload {
  @IsUUID()
  runId!: string;

  @IsUUID()
  integrationId!: string;

  @IsBoolean()
  complete!: boolean;

  @IsInt() @Min(0) created!: number;
  @IsInt() @Min(0) updated!: number;
  @IsInt() @Min(0) unchanged!: number;
  @IsInt() @Min(0) quarantined!: number;
  /** SaaS users not seen in a complete run (0 for an incomplete run: it reconciles nothing). */
  @IsInt() @Min(0) missing!: number;
  @IsInt() @Min(0) deactivated!: number;

  /** Why reconciliation did nothing or stopped at the blast-radius gate, when it did. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reconcileNote?: string;
}

export const DirectorySyncAppliedV1 = defineEvent('directory.sync.applied.v1', DirectorySyncAppliedPayload);
