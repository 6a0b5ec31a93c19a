import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsNumber,
  Max,
  Min,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { WORKFLOW_BLOCK_TYPES, type WorkflowBlockType } from '../../events/workflow/workflow-step-snapshot';

/** Which branch of its source block a link follows: every block has success/failure; a Condition has true/false. */
export const WORKFLOW_LINK_BRANCHES = ['success', 'failure', 'true', 'false'] as const;
export type WorkflowLinkBranch = (typeof WORKFLOW_LINK_BRANCHES)[number];

export const BEGIN_TRIGGERS = ['schedule', 'saas_user.created', 'saas_user.deactivated'] as const;
export type BeginTrigger = (typeof BEGIN_TRIGGERS)[number];

/** API block presets (vendor actions); more vendors add theirs here. */
export const API_PRESETS = ['pagerduty.delete_user'] as const;
export type ApiPreset = (typeof API_PRESETS)[number];

/** When a schedule trigger fires: a cron expression, daily at a time, or every N minutes; in a time zone. */
export interface BeginSchedule {
  kind: 'cron' | 'daily' | 'interval';
  /** `cron`: five fields, e.g. `0 3 * * 1`. */
  cron?: string;
  /** `daily`: `HH:mm`. */
  timeOfDay?: string;
  /** `interval`: 5 to 10,080 minutes. */
  intervalMinutes?: number;
  /** IANA zone, default `UTC`. */
  timeZone?: string;
}

/** The config each block type takes (checked by `workflow.definitions.validate`, naming block and field). */
export interface BlockConfigs {
  begin: {
    trigger: BeginTrigger;
    schedule?: BeginSchedule;
    /** Only `active_records` (SaaS users whose status is active). */
    scope?: 'active_records';
    /** A rule (libs/rules) over the SaaS-user fields of `directory.saas-users.list`'s filter. */
    rule?: Record<string, unknown>;
  };
  role_retrieval: { vendor: 'pagerduty'; credentialId: string; /** default true */ deactivateUser?: boolean };
  api: { preset: ApiPreset; credentialId: string };
  deactivate: { reason?: string };
  condition: { rule: Record<string, unknown> };
  notify: { url: string; /** JSON object sent as the body, with `run` and `records` added. */ body?: Record<string, unknown> };
  approval: { /** default 72 */ expiresInHours?: number };
  end: Record<string, never>;
}

export class WorkflowBlockDto {
  /** Unique within the graph, e.g. `begin` or `delete-1`. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'id must be 1-100 letters, digits, _ or -' })
  id!: string;

  @IsIn(WORKFLOW_BLOCK_TYPES)
  type!: WorkflowBlockType;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** The type's settings (see BlockConfigs). */
  @IsObject()
  config!: Record<string, unknown>;
}

export class WorkflowLinkDto {
  @IsString() @MaxLength(100) from!: string;
  @IsString() @MaxLength(100) to!: string;
  @IsIn(WORKFLOW_LINK_BRANCHES) branch!: WorkflowLinkBranch;
}

export class WorkflowGraphDto {
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  @Type(() => WorkflowBlockDto)
  blocks!: WorkflowBlockDto[];

  @ValidateNested({ each: true })
  @ArrayMaxSize(400)
  @Type(() => WorkflowLinkDto)
  links!: WorkflowLinkDto[];
}

/** Blast-radius limits: a run deleting or deactivating more than either waits for an approval. */
export class WorkflowLimitsDto {
  /** Percent of the app's SaaS users (default 10). */
  @IsOptional() @IsNumber() @Min(0) @Max(100) maxPercent?: number;
  /** Records (default 50). */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) maxCount?: number;
}
