import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  WORKFLOW_BLOCK_TYPES,
  WORKFLOW_LINK_BRANCHES,
  WORKFLOW_RUN_STATUSES,
  WORKFLOW_STEP_STATUSES,
  WORKFLOW_TYPES,
  type WorkflowBlockType,
  type WorkflowLinkBranch,
  type WorkflowRunStatus,
  type WorkflowStepStatus,
  type WorkflowType,
} from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';

// Request bodies and queries of /api/v1/workflows. The shape rules repeat the workflow contract's
// (libs/contracts/src/requests/workflow/) so a malformed body is a 400 naming the public field
// before any call; what needs the whole graph (links, block configs, credentials) is the
// service's check, answered as 422 WORKFLOW_GRAPH_INVALID naming block and field.

export class WorkflowBlockBodyDto {
  @ApiProperty({ description: 'Unique within the graph, e.g. `begin` or `delete-1`', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'id must be 1-100 letters, digits, _ or -' })
  id!: string;

  @ApiProperty({ enum: WORKFLOW_BLOCK_TYPES })
  @IsIn(WORKFLOW_BLOCK_TYPES)
  type!: WorkflowBlockType;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The block type's settings in snake_case (begin: trigger, schedule{kind, cron, time_of_day, interval_minutes, time_zone}, scope, rule; role_retrieval: vendor, credential_id, deactivate_user; api: preset, credential_id; deactivate: reason; condition: rule; notify: url, body; approval: expires_in_hours; end: {}). `rule` and `body` are passed as written",
  })
  @IsObject()
  config!: Record<string, unknown>;
}

export class WorkflowLinkBodyDto {
  @ApiProperty({ maxLength: 100, description: 'Source block id' }) @IsString() @MaxLength(100) from!: string;
  @ApiProperty({ maxLength: 100, description: 'Target block id' }) @IsString() @MaxLength(100) to!: string;
  @ApiProperty({ enum: WORKFLOW_LINK_BRANCHES, description: 'success/failure of any block; true/false of a Condition' })
  @IsIn(WORKFLOW_LINK_BRANCHES)
  branch!: WorkflowLinkBranch;
}

export class WorkflowGraphBodyDto {
  @ApiProperty({ type: [WorkflowBlockBodyDto], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => WorkflowBlockBodyDto)
  blocks!: WorkflowBlockBodyDto[];

  @ApiProperty({ type: [WorkflowLinkBodyDto], maxItems: 400 })
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => WorkflowLinkBodyDto)
  links!: WorkflowLinkBodyDto[];
}

/** The blast-radius gate: a run deleting or deactivating more than either waits for an approval. */
export class WorkflowLimitsBodyDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: "Percent of the app's SaaS users (default 10)" })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  max_percent?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, description: 'Records (default 50)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  max_count?: number;
}

export class CreateWorkflowDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: WORKFLOW_TYPES }) @IsIn(WORKFLOW_TYPES) type!: WorkflowType;
  @ApiProperty({ type: WorkflowGraphBodyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => WorkflowGraphBodyDto)
  graph!: WorkflowGraphBodyDto;
  @ApiPropertyOptional({ type: WorkflowLimitsBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkflowLimitsBodyDto)
  limits?: WorkflowLimitsBodyDto;
}

/** Fields left out stay; a launched (frozen) version is never changed: the edit makes a new draft version. */
export class UpdateWorkflowDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ type: WorkflowGraphBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkflowGraphBodyDto)
  graph?: WorkflowGraphBodyDto;
  @ApiPropertyOptional({ type: WorkflowLimitsBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkflowLimitsBodyDto)
  limits?: WorkflowLimitsBodyDto;
}

export class StartWorkflowRunDto {
  @ApiPropertyOptional({ default: false, description: 'true: only make a plan (works on a draft too); apply it later with POST /workflows/runs/{id}/apply' })
  @IsOptional()
  @IsBoolean()
  dry_run?: boolean;
}

export class RestoreWorkflowStepDto {
  @ApiPropertyOptional({ maxLength: 100, format: 'email', description: "Sent as PagerDuty's `From` header on `POST /users` (a valid user's email); default: the account owner's" })
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
  from_email?: string;
}

export class DecideWorkflowRunDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) comment?: string;
}

export class ListWorkflowRunsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: WORKFLOW_RUN_STATUSES }) @IsOptional() @IsIn(WORKFLOW_RUN_STATUSES) status?: WorkflowRunStatus;
}

export class ListWorkflowStepsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: WORKFLOW_STEP_STATUSES }) @IsOptional() @IsIn(WORKFLOW_STEP_STATUSES) status?: WorkflowStepStatus;
}

export class WorkflowVersionParams {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @IsString()
  @MaxLength(36)
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}
