import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../../define-event';

/** Mapping has applied every batch of a run (and reconciled, if the run was complete). */
export class DirectorySyncAppliedPayload {
  @IsUUID()
  runId!: string;

  @IsUUID()
  integrationId!: string;

  /** The SaaS app the run synced, when the integration syncs SaaS users. */
  @IsOptional()
  @IsUUID()
  saasAppId?: string | null;

  @IsBoolean()
  complete!: boolean;

  @IsInt() @Min(0) created!: number;
  @IsInt() @Min(0) updated!: number;
  @IsInt() @Min(0) unchanged!: number;
  @IsInt() @Min(0) quarantined!: number;
  /** SaaS users not seen in a complete run (0 for an incomplete run: it reconciles nothing). */
  @IsInt() @Min(0) missing!: number;
  @IsInt() @Min(0) deactivated!: number;
  /** Records the integration's filter rules left out. */
  @IsOptional() @IsInt() @Min(0) filtered?: number;
  /** Records the preference left alone (an existing person under create-only, a new one under update-only). */
  @IsOptional() @IsInt() @Min(0) skipped?: number;
  /** True when deactivation was wanted but the blast-radius gate stopped it. */
  @IsOptional() @IsBoolean() gateTripped?: boolean;

  /** Why reconciliation did nothing or stopped at the blast-radius gate, when it did. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reconcileNote?: string;
}

export const DirectorySyncAppliedV1 = defineEvent('directory.sync.applied.v1', DirectorySyncAppliedPayload);
