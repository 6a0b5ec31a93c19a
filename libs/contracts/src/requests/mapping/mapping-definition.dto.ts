import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** `user`: vendor records become people; `user_and_saas_user`: people and the SaaS users they hold. */
export const RECORD_TYPES = ['user', 'user_and_saas_user'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** What a sync may do to the directory: create and update, only create new entries, only update existing ones. */
export const SYNC_PREFERENCES = ['create_update', 'create_only', 'update_only'] as const;
export type SyncPreference = (typeof SYNC_PREFERENCES)[number];

export const TRANSFORM_TYPES = [
  'copy',
  'lower_case',
  'trim',
  'split_full_name',
  'constant',
  'template',
  'date',
  'value_map',
] as const;
export type TransformType = (typeof TRANSFORM_TYPES)[number];

export const CUSTOM_FIELD_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** How one source value becomes one target value. Options apply to the transform named by `type`. */
export class TransformDto {
  @IsIn(TRANSFORM_TYPES)
  type!: TransformType;

  /** `constant`: the value written. */
  @IsOptional()
  value?: string | number | boolean | null;

  /** `template`: text with `{field}` placeholders, e.g. `{name} ({email})`. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  template?: string;

  /** `split_full_name`: which part of the name. */
  @IsOptional()
  @IsIn(['first', 'last'])
  part?: 'first' | 'last';

  /** `value_map`: source value → target value, e.g. `{ "limited_user": "member" }`. */
  @IsOptional()
  @IsObject()
  map?: Record<string, string>;

  /** `value_map`: used when the source value is not in `map` (otherwise the value passes through). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  default?: string;

  /** `date`: how the source expresses the instant (default `iso`). */
  @IsOptional()
  @IsIn(['iso', 'epoch_s', 'epoch_ms'])
  format?: 'iso' | 'epoch_s' | 'epoch_ms';
}

/** One source field → one target field. */
export class FieldMappingDto {
  /** Source field of the vendor record; a dotted path reaches nested values (`license.summary`, `teams.0.summary`). Not needed for `constant` and `template`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  /** Target field: `person.<field>`, `saasUser.<field>` or `custom.<key>` (see mapping.target-fields.list). */
  @IsString()
  @Matches(/^(person|saasUser|custom)\.[A-Za-z0-9_]+$/)
  target!: string;

  @ValidateNested()
  @Type(() => TransformDto)
  transform!: TransformDto;
}

export class BlastRadiusDto {
  /** At most this share of the app's SaaS users may be deactivated by one run (default 10). */
  @IsInt()
  @Min(0)
  @Max(100)
  maxPercent!: number;

  /** At most this many SaaS users may be deactivated by one run (default 50). */
  @IsInt()
  @Min(0)
  @Max(100000)
  maxCount!: number;
}

/** Creates or replaces the mapping definition of one integration. */
export class PutMappingDefinitionRequest {
  @IsUUID()
  integrationId!: string;

  /** Vendor key, e.g. `pagerduty`. */
  @IsString()
  @Matches(/^[a-z][a-z0-9-]*$/)
  @MaxLength(50)
  vendor!: string;

  /** Name of the SaaS app the integration syncs (created with the first integration of the vendor), e.g. `PagerDuty`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  appName?: string;

  @IsIn(RECORD_TYPES)
  recordType!: RecordType;

  @IsIn(SYNC_PREFERENCES)
  preference!: SyncPreference;

  /** Deactivate SaaS users that a complete run no longer returns (within the blast-radius gate). */
  @IsBoolean()
  deactivateMissing!: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => BlastRadiusDto)
  blastRadius?: BlastRadiusDto;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldMappingDto)
  mappings!: FieldMappingDto[];

  /** Unique target fields in rank order, e.g. `["custom.pagerduty_user_id", "person.email"]`. */
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  syncKeys!: string[];

  /** Rule (libs/rules) over the vendor record's fields; only matching records are synced. */
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown> | null;
}

export interface SourceFieldView {
  name: string;
  /** A value of this field from the latest run, when one was seen. */
  sample: unknown;
}

export interface MappingCheckResult {
  ok: boolean;
  /** What must be added before the integration may sync, one sentence each. */
  missing: string[];
}

export interface MappingDefinitionView {
  integrationId: string;
  vendor: string;
  appName: string;
  saasAppId: string;
  recordType: RecordType;
  preference: SyncPreference;
  deactivateMissing: boolean;
  blastRadius: { maxPercent: number; maxCount: number };
  mappings: FieldMappingDto[];
  syncKeys: string[];
  filter: Record<string, unknown> | null;
  sourceFields: SourceFieldView[];
  samplesFromRunId: string | null;
  check: MappingCheckResult;
  createdAt: string;
  updatedAt: string;
}

export class IntegrationRef {
  @IsUUID()
  integrationId!: string;
}

/**
 * A request without parameters. It still needs one decorated field: validation runs with
 * `forbidUnknownValues`, which refuses an instance of a class that class-validator knows nothing of.
 */
export class EmptyRequest {
  /** Ignored; free text a caller may add for tracing. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
