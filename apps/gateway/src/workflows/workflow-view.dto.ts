import { ApiProperty } from '@nestjs/swagger';
import {
  WORKFLOW_BLOCK_TYPES,
  WORKFLOW_RUN_STATUSES,
  WORKFLOW_STATUSES,
  WORKFLOW_STEP_ACTIONS,
  WORKFLOW_STEP_STATUSES,
  WORKFLOW_TRIGGERS,
  WORKFLOW_TYPES,
  type WorkflowRunView,
  type WorkflowStepRestoreView,
  type WorkflowStepView,
  type WorkflowVersionView,
  type WorkflowView,
} from '@seatkeeper/contracts';
import { SaasUserDto } from '../directory/saas-users.dto';
import type { SnakeCased } from '../http/public-names';
import { WorkflowGraphBodyDto } from './workflows.dto';

// Response bodies of /api/v1/workflows: the workflow service's views in snake_case by the one rule
// of ../http/public-names, each held to its contract by `implements`. The graph is the deliberate
// exception: it is renamed by ./workflow-graph.names (a config's data keeps its keys).

export class WorkflowLimitsDto {
  @ApiProperty() max_percent!: number;
  @ApiProperty() max_count!: number;
}

export class WorkflowDto implements SnakeCased<Omit<WorkflowView, 'graph'>> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: WORKFLOW_TYPES }) type!: WorkflowView['type'];
  @ApiProperty({ enum: WORKFLOW_STATUSES }) status!: WorkflowView['status'];
  @ApiProperty({ description: 'The version being edited (the newest)' }) draft_version!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The frozen version runs execute (null until the first launch)' })
  active_version!: number | null;
  @ApiProperty({ enum: WORKFLOW_TRIGGERS, nullable: true }) trigger!: WorkflowView['trigger'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) next_run_at!: string | null;
  @ApiProperty({ type: WorkflowGraphBodyDto, description: "The draft's graph" }) graph!: WorkflowGraphBodyDto;
  @ApiProperty({ type: WorkflowLimitsDto }) limits!: WorkflowLimitsDto;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class DeletedWorkflowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() deleted!: boolean;
}

export class WorkflowVersionDto implements SnakeCased<Omit<WorkflowVersionView, 'graph'>> {
  @ApiProperty({ format: 'uuid' }) workflow_id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['draft', 'frozen'], description: '`draft` until launched; a launched version is frozen' }) state!: WorkflowVersionView['state'];
  @ApiProperty({ type: WorkflowGraphBodyDto }) graph!: WorkflowGraphBodyDto;
  @ApiProperty({ type: WorkflowLimitsDto }) limits!: WorkflowLimitsDto;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class WorkflowValidationDto {
  @ApiProperty({ description: 'Always true in a 200: a graph with problems is a 422 WORKFLOW_GRAPH_INVALID naming each block and field' })
  ok!: boolean;
}

export class WorkflowPreviewDto {
  @ApiProperty({ description: "How many SaaS users the draft's Begin block selects now" }) count!: number;
  @ApiProperty({ type: [SaasUserDto] }) data!: SaasUserDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class WorkflowRunCountsDto {
  @ApiProperty() records!: number;
  @ApiProperty() planned!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty() failed!: number;
}

export class WorkflowRunApprovalDto {
  @ApiProperty({ enum: ['gate', 'block'], description: 'The blast-radius gate or an Approval block' }) kind!: 'gate' | 'block';
  @ApiProperty({ type: String, nullable: true }) block_id!: string | null;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ description: 'Destructive steps waiting' }) destructive!: number;
  @ApiProperty({ description: 'The limit they exceed' }) limit!: number;
}

export class WorkflowRunDto implements SnakeCased<WorkflowRunView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workflow_id!: string;
  @ApiProperty() workflow_version!: number;
  @ApiProperty({ enum: WORKFLOW_TRIGGERS }) trigger!: WorkflowRunView['trigger'];
  @ApiProperty() dry_run!: boolean;
  @ApiProperty({ enum: WORKFLOW_RUN_STATUSES }) status!: WorkflowRunView['status'];
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: WorkflowRunCountsDto }) counts!: WorkflowRunCountsDto;
  @ApiProperty({ type: WorkflowRunApprovalDto, nullable: true, description: 'Set while the run waits for an approval' })
  approval!: WorkflowRunApprovalDto | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
}

export class WorkflowStepDto implements SnakeCased<WorkflowStepView, 'detail'> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) run_id!: string;
  @ApiProperty() block_id!: string;
  @ApiProperty({ enum: WORKFLOW_BLOCK_TYPES }) block_type!: WorkflowStepView['blockType'];
  @ApiProperty({ enum: WORKFLOW_STEP_ACTIONS }) action!: WorkflowStepView['action'];
  @ApiProperty({ enum: WORKFLOW_STEP_STATUSES }) status!: WorkflowStepView['status'];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) saas_user_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) external_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'e.g. the role read, the vendor refusal, the delete preflight' })
  detail!: Record<string, unknown> | null;
  @ApiProperty() idempotency_key!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) started_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
}

export class WorkflowRestoreSkipDto {
  @ApiProperty({ type: String, nullable: true, description: "The kit item's id in PagerDuty before the delete" }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) type!: string | null;
  @ApiProperty({ description: 'Why it was not recreated (e.g. push contact methods come from the mobile app; PagerDuty refused it)' }) reason!: string;
}

export class WorkflowRestoreCountsDto {
  @ApiProperty({ description: 'Created in PagerDuty by this restore' }) created!: number;
  @ApiProperty({ description: 'Already there (PagerDuty made it for the new account, or an earlier try did)' }) kept!: number;
  @ApiProperty({ type: [WorkflowRestoreSkipDto] }) skipped!: WorkflowRestoreSkipDto[];
}

export class WorkflowRestoreTeamsDto {
  @ApiProperty({ type: [String], description: 'Teams the account is a member of again' }) added!: string[];
  @ApiProperty({ type: [WorkflowRestoreSkipDto] }) skipped!: WorkflowRestoreSkipDto[];
}

export class WorkflowRestoreRefDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class WorkflowRestoreManualDto {
  @ApiProperty({ type: [WorkflowRestoreRefDto] }) schedules!: WorkflowRestoreRefDto[];
  @ApiProperty({ type: [WorkflowRestoreRefDto] }) escalation_policies!: WorkflowRestoreRefDto[];
}

export class WorkflowStepRestoreDto implements SnakeCased<WorkflowStepRestoreView> {
  @ApiProperty({ format: 'uuid' }) run_id!: string;
  @ApiProperty({ format: 'uuid' }) step_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) saas_user_id!: string | null;
  @ApiProperty({ description: "The deleted account's PagerDuty id" }) deleted_external_id!: string;
  @ApiProperty({ description: "The recreated account's PagerDuty id (a new one)" }) restored_external_id!: string;
  @ApiProperty({ format: 'date-time' }) restored_at!: string;
  @ApiProperty({ type: String, nullable: true }) restored_by!: string | null;
  @ApiProperty({ description: 'True when an earlier restore of this step was found: nothing was created' }) already_restored!: boolean;
  @ApiProperty({ description: 'PagerDuty already had an account with this email (an interrupted restore): it was completed, not created again' })
  account_existed!: boolean;
  @ApiProperty({ type: WorkflowRestoreCountsDto }) contact_methods!: WorkflowRestoreCountsDto;
  @ApiProperty({ type: WorkflowRestoreCountsDto }) notification_rules!: WorkflowRestoreCountsDto;
  @ApiProperty({ type: WorkflowRestoreTeamsDto }) teams!: WorkflowRestoreTeamsDto;
  @ApiProperty({ type: WorkflowRestoreManualDto, description: 'Schedules and escalation policies the account was on: re-add it there by hand' })
  re_add_manually!: WorkflowRestoreManualDto;
}
