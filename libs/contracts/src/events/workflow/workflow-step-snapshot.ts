import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** The block kinds a workflow graph is made of (DESIGN §4). */
export const WORKFLOW_BLOCK_TYPES = [
  'begin',
  'role_retrieval',
  'api',
  'deactivate',
  'condition',
  'notify',
  'approval',
  'end',
] as const;
export type WorkflowBlockType = (typeof WORKFLOW_BLOCK_TYPES)[number];

/** What a step did (or would do) to one record. */
export const WORKFLOW_STEP_ACTIONS = [
  'retrieve_role',
  'deactivate',
  'vendor_delete',
  'restore',
  'notify',
  'evaluate',
  'approve',
  'none',
] as const;
export type WorkflowStepAction = (typeof WORKFLOW_STEP_ACTIONS)[number];

export const WORKFLOW_STEP_OUTCOMES = [
  'succeeded',
  'skipped',
  'failed',
] as const;
export type WorkflowStepOutcome = (typeof WORKFLOW_STEP_OUTCOMES)[number];

/** One step of a run: one block acting on one record (or on the run, for Notify/Approval). */
export class WorkflowStepSnapshot {
  @IsUUID()
  runId!: string;

  @IsUUID()
  workflowId!: string;

  @IsString()
  @MaxLength(200)
  workflowName!: string;

  @IsUUID()
  stepId!: string;

  /** The block's id within the workflow's graph. */
  @IsString()
  @MaxLength(100)
  blockId!: string;

  @IsIn(WORKFLOW_BLOCK_TYPES)
  blockType!: WorkflowBlockType;

  @IsIn(WORKFLOW_STEP_ACTIONS)
  action!: WorkflowStepAction;

  @IsIn(WORKFLOW_STEP_OUTCOMES)
  outcome!: WorkflowStepOutcome;

  /** The SaaS user the step acted on, when it acts on one. */
  @IsOptional()
  @IsUUID()
  saasUserId?: string | null;

  @IsOptional()
  @IsUUID()
  saasAppId?: string | null;

  @IsOptional()
  @IsUUID()
  personId?: string | null;

  /** The account's id in the vendor, e.g. PagerDuty's `PXPGF42`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string | null;

  /** Why the step was skipped or failed, e.g. PagerDuty's refusal to delete the account owner. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}
