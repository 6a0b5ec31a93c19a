import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import {
  CUSTOM_FIELD_TYPES,
  RECORD_TYPES,
  SYNC_PREFERENCES,
  TRANSFORM_TYPES,
  type CustomFieldType,
  type RecordType,
  type SyncPreference,
  type TransformType,
  type CustomFieldView,
  type FieldMappingDto,
  type MappingCheckResult,
  type MappingDefinitionView,
  type MappingSuggestion,
  type QuarantinedRecordView,
  type RetryQuarantineResult,
  type SourceFieldsResult,
  type SourceFieldView,
  type TargetFieldView,
  type TransformDto,
} from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';
import type { SnakeCased } from '../http/public-names';
import { IsRuleObject, IsScalarValue, IsStringMap } from './value.validators';

const TARGET_PATTERN = /^(person|saasUser|custom)\.[A-Za-z0-9_]+$/;
const TARGET_EXAMPLE = 'person.email';
export const MAX_RULE_JSON = 20_000;

/*
 * The public shapes of the mapping contracts (`libs/contracts/src/requests/mapping`), in snake_case
 * by the one rule of `../http/public-names` (MappingsService converts with toCamelCase/toSnakeCase;
 * `map`, `filter`, `record` and `sample` are data and keep their keys). Each answer class
 * `implements` its contract so the two cannot drift. They exist for the OpenAPI document and the
 * edge's validation; deliberate differences are marked where they are.
 */
type Data = 'map' | 'filter' | 'record' | 'sample';

export class TransformBodyDto {
  @ApiProperty({ enum: TRANSFORM_TYPES })
  @IsIn(TRANSFORM_TYPES)
  type!: TransformType;

  @ApiPropertyOptional({
    description: '`constant`: the value written (string, number or boolean)',
    oneOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }],
  })
  @IsOptional()
  @IsScalarValue(500)
  value?: string | number | boolean;

  @ApiPropertyOptional({ description: '`template`: text with `{field}` placeholders', example: '{name} ({email})', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  template?: string;

  @ApiPropertyOptional({ enum: ['first', 'last'], description: '`split_full_name`: which part of the name' })
  @IsOptional()
  @IsIn(['first', 'last'])
  part?: 'first' | 'last';

  @ApiPropertyOptional({
    description: '`value_map`: source value → target value (at most 500 entries)',
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 200 },
    example: { limited_user: 'member' },
  })
  @IsOptional()
  @IsStringMap(500, 200)
  map?: Record<string, string>;

  @ApiPropertyOptional({ description: '`value_map`: used when the source value is not in `map`', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  default?: string;

  @ApiPropertyOptional({ enum: ['iso', 'epoch_s', 'epoch_ms'], description: '`date`: how the source expresses the instant (default iso)' })
  @IsOptional()
  @IsIn(['iso', 'epoch_s', 'epoch_ms'])
  format?: 'iso' | 'epoch_s' | 'epoch_ms';
}

export class FieldMappingBodyDto {
  @ApiPropertyOptional({
    description: 'Source field of the vendor record; a dotted path reaches nested values (`teams.0.summary`). Not needed for constant and template.',
    example: 'email',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiProperty({ description: 'A target field as listed by GET /api/v1/mappings/target-fields', example: TARGET_EXAMPLE, maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(TARGET_PATTERN, { message: 'target must be person.<field>, saasUser.<field> or custom.<key>' })
  target!: string;

  @ApiProperty({ type: TransformBodyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TransformBodyDto)
  transform!: TransformBodyDto;
}

export class BlastRadiusBodyDto {
  @ApiProperty({ minimum: 0, maximum: 100, default: 10, description: 'At most this % of the app’s SaaS users deactivated by one run' })
  @IsInt()
  @Min(0)
  @Max(100)
  max_percent!: number;

  @ApiProperty({ minimum: 0, maximum: 100000, default: 50, description: 'At most this many SaaS users deactivated by one run' })
  @IsInt()
  @Min(0)
  @Max(100000)
  max_count!: number;
}

/** The whole definition of one integration: PUT replaces it. */
export class PutMappingDefinitionDto {
  @ApiProperty({ example: 'pagerduty', maxLength: 50 })
  @IsString()
  @MaxLength(50)
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'vendor must be a lower-case slug such as pagerduty' })
  vendor!: string;

  @ApiPropertyOptional({ description: 'Name of the SaaS app (default: from the vendor, e.g. PagerDuty)', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  app_name?: string;

  @ApiProperty({ enum: RECORD_TYPES })
  @IsIn(RECORD_TYPES)
  record_type!: RecordType;

  @ApiProperty({ enum: SYNC_PREFERENCES })
  @IsIn(SYNC_PREFERENCES)
  preference!: SyncPreference;

  @ApiProperty({ description: 'Deactivate SaaS users a complete run no longer returns (within the blast radius)' })
  @IsBoolean()
  deactivate_missing!: boolean;

  @ApiPropertyOptional({ type: BlastRadiusBodyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BlastRadiusBodyDto)
  blast_radius?: BlastRadiusBodyDto;

  @ApiProperty({ type: [FieldMappingBodyDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldMappingBodyDto)
  mappings!: FieldMappingBodyDto[];

  @ApiProperty({
    type: [String],
    maxItems: 5,
    description: 'Unique target fields in rank order',
    example: ['custom.pagerduty_user_id', 'person.email'],
  })
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(TARGET_PATTERN, { each: true, message: 'each sync key must be a target field' })
  sync_keys!: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'A rule (rule language) over the vendor record’s source fields; only matching records are synced',
    example: { field: 'role', op: 'neq', value: 'observer' },
  })
  @IsOptional()
  @IsRuleObject(MAX_RULE_JSON)
  filter?: Record<string, unknown>;
}

export class CreateCustomFieldDto {
  @ApiProperty({ example: 'PagerDuty User ID', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'pagerduty_user_id', maxLength: 60, description: 'Stable key (default: from the name)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'key must be lower-case letters, digits and _, starting with a letter' })
  key?: string;

  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  @IsIn(CUSTOM_FIELD_TYPES)
  type!: CustomFieldType;

  @ApiProperty({ description: 'A unique field holds a different value for every person and may be a sync key' })
  @IsBoolean()
  unique!: boolean;
}

export class ListQuarantineQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], description: 'Default: both' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}

export class RetryQuarantineDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 1000, description: 'Only these records (default: every open one)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];
}

// ---- responses ----

export class TransformView implements SnakeCased<TransformDto, Data> {
  @ApiProperty({ enum: TRANSFORM_TYPES }) type!: TransformType;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }) value?: string | number | boolean | null;
  @ApiPropertyOptional() template?: string;
  @ApiPropertyOptional({ enum: ['first', 'last'] }) part?: 'first' | 'last';
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) map?: Record<string, string>;
  @ApiPropertyOptional() default?: string;
  @ApiPropertyOptional({ enum: ['iso', 'epoch_s', 'epoch_ms'] }) format?: 'iso' | 'epoch_s' | 'epoch_ms';
}

export class FieldMappingView implements SnakeCased<FieldMappingDto, Data> {
  @ApiPropertyOptional() source?: string;
  @ApiProperty({ example: TARGET_EXAMPLE }) target!: string;
  @ApiProperty({ type: TransformView }) transform!: TransformView;
}

export class BlastRadiusView {
  @ApiProperty() max_percent!: number;
  @ApiProperty() max_count!: number;
}

export class MappingCheckDto implements SnakeCased<MappingCheckResult> {
  @ApiProperty({ description: 'May the integration sync?' }) ok!: boolean;
  @ApiProperty({ type: [String], description: 'What must be added first, one sentence each' }) missing!: string[];
}

export class SourceFieldDto implements SnakeCased<SourceFieldView, Data> {
  @ApiProperty({ example: 'email' }) name!: string;
  @ApiProperty({ description: 'A value of the field from the latest run (null when none was seen)', nullable: true, example: 'ann@example.com' })
  sample!: unknown;
}

/** Deliberate: the contract's `vendor` is left out (the route names the integration) and `source_fields` is called `fields`. */
export class SourceFieldsDto implements SnakeCased<Omit<SourceFieldsResult, 'vendor' | 'sourceFields'>> {
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty({
    enum: ['run', 'vendor_sample', 'none'],
    description: "run: the latest run's records; vendor_sample: one page read from the vendor now (no run yet, nothing stored); none: neither could be had (see samples_error)",
  })
  samples_from!: 'run' | 'vendor_sample' | 'none';
  @ApiPropertyOptional({ description: 'Why the vendor could not be read (samples_from = none)' }) samples_error?: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The run the samples come from' }) samples_from_run_id!:
    | string
    | null;
  @ApiProperty({ type: [SourceFieldDto] }) fields!: SourceFieldDto[];
}

export class MappingDefinitionDto implements SnakeCased<MappingDefinitionView, Data> {
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty() vendor!: string;
  @ApiProperty() app_name!: string;
  @ApiProperty({ format: 'uuid' }) saas_app_id!: string;
  @ApiProperty({ enum: RECORD_TYPES }) record_type!: RecordType;
  @ApiProperty({ enum: SYNC_PREFERENCES }) preference!: SyncPreference;
  @ApiProperty() deactivate_missing!: boolean;
  @ApiProperty({ type: BlastRadiusView }) blast_radius!: BlastRadiusView;
  @ApiProperty({ type: [FieldMappingView] }) mappings!: FieldMappingView[];
  @ApiProperty({ type: [String] }) sync_keys!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) filter!: Record<string, unknown> | null;
  @ApiProperty({ type: [SourceFieldDto] }) source_fields!: SourceFieldDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) samples_from_run_id!: string | null;
  @ApiProperty({ type: MappingCheckDto }) check!: MappingCheckDto;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class DeletedMappingDto {
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty({ description: 'false when there was no definition' }) deleted!: boolean;
}

export class TargetFieldDto implements SnakeCased<TargetFieldView> {
  @ApiProperty({ example: 'person.email' }) target!: string;
  @ApiProperty({ enum: ['person', 'saasUser', 'custom'] }) entity!: 'person' | 'saasUser' | 'custom';
  @ApiProperty({ example: 'Email' }) label!: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) type!: CustomFieldType;
  @ApiProperty({ description: 'Only unique fields may be sync keys' }) unique!: boolean;
  @ApiPropertyOptional() max_length?: number;
  @ApiPropertyOptional({ type: [String], description: 'Allowed values, when the field takes one from a list' }) allowed?: string[];
}

export class CustomFieldDto implements SnakeCased<CustomFieldView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'pagerduty_user_id', description: 'Mapped as custom.<key>' }) key!: string;
  @ApiProperty({ example: 'PagerDuty User ID' }) name!: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) type!: CustomFieldType;
  @ApiProperty() unique!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class MappingSuggestionDto implements SnakeCased<MappingSuggestion, Data> {
  @ApiProperty({ type: String, nullable: true, example: 'email' }) source!: string | null;
  @ApiProperty({ example: 'person.email' }) target!: string;
  @ApiProperty({ type: TransformView }) transform!: TransformView;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
  @ApiProperty({ example: 'sample "a@b.io" looks like an email' }) reason!: string;
}

export class MappingSuggestionsDto {
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty({ type: [MappingSuggestionDto] }) suggestions!: MappingSuggestionDto[];
}

export class QuarantinedRecordDto implements SnakeCased<QuarantinedRecordView, Data> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) run_id!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Page of the run' }) seq!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The vendor record as it arrived' }) record!: Record<string, unknown>;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: 'open' | 'resolved';
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class RetryQuarantineResultDto implements SnakeCased<RetryQuarantineResult> {
  @ApiProperty() retried!: number;
  @ApiProperty() applied!: number;
  @ApiProperty() still_quarantined!: number;
}
