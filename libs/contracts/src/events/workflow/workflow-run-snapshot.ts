import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';

export const WORKFLOW_RUN_STATUSES = [
  'planning',
  'planned',
  'awaiting_approval',
  'running',
  'completed',
  'failed',
  'cancelled',
  'rejected',
] as const;
export type WorkflowRunStatus = (typeof WORKFLOW_RUN_STATUSES)[number];

/** What started a run: its schedule, a directory event, or an operator (run now / dry run). */
export const WORKFLOW_TRIGGERS = [
  'schedule',
  'saas_user.created',
  'saas_user.deactivated',
  'manual',
] as const;
export type WorkflowTrigger = (typeof WORKFLOW_TRIGGERS)[number];

/** A workflow run's identity and state after the change the event reports. */
export class WorkflowRunSnapshot {
  @IsUUID()
  runId!: string;

  @IsUUID()
  workflowId!: string;

  /** The frozen version the run executes. */
  @IsInt()
  @Min(1)
  workflowVersion!: number;

  @IsString()
  @MaxLength(200)
  workflowName!: string;

  @IsIn(WORKFLOW_TRIGGERS)
  trigger!: WorkflowTrigger;

  /** A dry run makes the plan and stops. */
  @IsBoolean()
  dryRun!: boolean;

  @IsIn(WORKFLOW_RUN_STATUSES)
  status!: WorkflowRunStatus;

  /** Records the Begin block selected for the plan. */
  @IsInt() @Min(0) planned!: number;
  @IsInt() @Min(0) succeeded!: number;
  @IsInt() @Min(0) failed!: number;
  @IsInt() @Min(0) skipped!: number;

  /** Why the run failed, was refused or waits (e.g. the gate's or the freshness check's reason). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}
