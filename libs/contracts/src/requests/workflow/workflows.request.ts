import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { defineRequest } from '../../define-request';
import { WORKFLOW_RUN_STATUSES, type WorkflowRunStatus } from '../../events/workflow/workflow-run-snapshot';
import { PageRequest, type Page } from '../directory/people.request';
import { WorkflowGraphDto, WorkflowLimitsDto } from './workflow-graph.dto';
import {
  WORKFLOW_STEP_STATUSES,
  WORKFLOW_TYPES,
  type WorkflowPreview,
  type WorkflowProblem,
  type WorkflowRunView,
  type WorkflowStepStatus,
  type WorkflowStepRestoreView,
  type WorkflowStepView,
  type WorkflowType,
  type WorkflowVersionView,
  type WorkflowView,
} from './workflow.views';

export class CreateWorkflowRequest {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @IsIn(WORKFLOW_TYPES) type!: WorkflowType;
  @ValidateNested() @Type(() => WorkflowGraphDto) graph!: WorkflowGraphDto;
  @IsOptional() @ValidateNested() @Type(() => WorkflowLimitsDto) limits?: WorkflowLimitsDto;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

/** Changes the draft; when the newest version is frozen (launched), a new draft version is made. */
export class UpdateWorkflowRequest {
  @IsUUID() workflowId!: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @IsOptional() @ValidateNested() @Type(() => WorkflowGraphDto) graph?: WorkflowGraphDto;
  @IsOptional() @ValidateNested() @Type(() => WorkflowLimitsDto) limits?: WorkflowLimitsDto;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class WorkflowRef {
  @IsUUID() workflowId!: string;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class WorkflowVersionRef {
  @IsUUID() workflowId!: string;
  @Type(() => Number) @IsInt() @Min(1) version!: number;
}

export class ListWorkflowsRequest extends PageRequest {}

export class PreviewWorkflowRequest extends PageRequest {
  @IsUUID() workflowId!: string;
}

/** Run now (`dryRun: false`) or make a plan only (`dryRun: true`). */
export class StartWorkflowRunRequest {
  @IsUUID() workflowId!: string;
  @IsBoolean() dryRun!: boolean;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class WorkflowRunRef {
  @IsUUID() runId!: string;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class DecideWorkflowRunRequest {
  @IsUUID() runId!: string;
  @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(500) comment?: string;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class RestoreWorkflowStepRequest {
  @IsUUID() runId!: string;
  /** A `vendor_delete` step of that run. */
  @IsUUID() stepId!: string;
  /** Sent as `From` on PagerDuty's `POST /users` (a valid user's email); default: the account owner's. */
  @IsOptional() @IsEmail() @MaxLength(100) fromEmail?: string;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class ListWorkflowRunsRequest extends PageRequest {
  @IsOptional() @IsUUID() workflowId?: string;
  @IsOptional() @IsIn(WORKFLOW_RUN_STATUSES) status?: WorkflowRunStatus;
}

export class ListWorkflowStepsRequest extends PageRequest {
  @IsUUID() runId!: string;
  @IsOptional() @IsIn(WORKFLOW_STEP_STATUSES) status?: WorkflowStepStatus;
}

/** `cursor`: the last version of the previous page (newest first). */
export class ListVersionsRequest extends PageRequest {
  @IsUUID() workflowId!: string;
}

/** `VALIDATION_FAILED` with details `[{field, messages, blockId}]` for a bad graph, rule or block config. */
export const WorkflowDefinitionsCreate = defineRequest<WorkflowView>('workflow.definitions.create', CreateWorkflowRequest, 'workflow');
export const WorkflowDefinitionsUpdate = defineRequest<WorkflowView>('workflow.definitions.update', UpdateWorkflowRequest, 'workflow');
export const WorkflowDefinitionsGet = defineRequest<WorkflowView>('workflow.definitions.get', WorkflowRef, 'workflow');
export const WorkflowDefinitionsList = defineRequest<Page<WorkflowView>>('workflow.definitions.list', ListWorkflowsRequest, 'workflow');
export const WorkflowDefinitionsDelete = defineRequest<{ deleted: boolean }>('workflow.definitions.delete', WorkflowRef, 'workflow');
export const WorkflowVersionsList = defineRequest<Page<WorkflowVersionView>>('workflow.versions.list', ListVersionsRequest, 'workflow');
export const WorkflowVersionsGet = defineRequest<WorkflowVersionView>('workflow.versions.get', WorkflowVersionRef, 'workflow');
/** Every problem of the draft, each naming its block; `ok` when there are none. */
export const WorkflowDefinitionsValidate = defineRequest<{ ok: boolean; problems: WorkflowProblem[] }>('workflow.definitions.validate', WorkflowRef, 'workflow');
/** Freezes the draft and activates it; `VALIDATION_FAILED` (details: the problems) when it is not valid. */
export const WorkflowDefinitionsLaunch = defineRequest<WorkflowView>('workflow.definitions.launch', WorkflowRef, 'workflow');
export const WorkflowDefinitionsPause = defineRequest<WorkflowView>('workflow.definitions.pause', WorkflowRef, 'workflow');
/** The count and first page of the SaaS users the draft's Begin block selects now. */
export const WorkflowDefinitionsPreview = defineRequest<WorkflowPreview>('workflow.definitions.preview', PreviewWorkflowRequest, 'workflow');

/** A run of the active version (or, for a dry run of a draft workflow, of its draft). */
export const WorkflowRunsStart = defineRequest<WorkflowRunView>('workflow.runs.start', StartWorkflowRunRequest, 'workflow');
/** A dry run's stored plan, executed as it stands (the directory may have changed since). */
export const WorkflowRunsApply = defineRequest<WorkflowRunView>('workflow.runs.apply', WorkflowRunRef, 'workflow');
export const WorkflowRunsGet = defineRequest<WorkflowRunView>('workflow.runs.get', WorkflowRunRef, 'workflow');
export const WorkflowRunsList = defineRequest<Page<WorkflowRunView>>('workflow.runs.list', ListWorkflowRunsRequest, 'workflow');
export const WorkflowRunsSteps = defineRequest<Page<WorkflowStepView>>('workflow.runs.steps', ListWorkflowStepsRequest, 'workflow');
export const WorkflowRunsDecide = defineRequest<WorkflowRunView>('workflow.runs.decide', DecideWorkflowRunRequest, 'workflow');
export const WorkflowRunsCancel = defineRequest<WorkflowRunView>('workflow.runs.cancel', WorkflowRunRef, 'workflow');
/**
 * Recreates the account a `vendor_delete` step deleted, from its restore kit, and records the new
 * id. Repeating it answers the recorded restore (`alreadyRestored`) and creates nothing.
 * `NOT_FOUND` (run or step), `CONFLICT` (the step deleted nothing, or has no kit).
 */
export const WorkflowRunsRestore = defineRequest<WorkflowStepRestoreView>('workflow.runs.restore', RestoreWorkflowStepRequest, 'workflow');
/** Failed steps back to planned; the run continues. */
export const WorkflowRunsRetry = defineRequest<WorkflowRunView>('workflow.runs.retry', WorkflowRunRef, 'workflow');
