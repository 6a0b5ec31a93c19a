import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { REPORTING_ENTITIES, type EntityCatalogView, type ReportingEntity } from '@seatkeeper/contracts';
import type { SnakeCased } from '../http/public-names';

export const RULE_DESCRIPTION =
  'A rule of the rule language (libs/rules) over the entity\'s fields (GET /api/v1/entities), e.g. {"field":"lastActivityAt","op":"more_than_days_ago","value":90}';

export class SortDto {
  @ApiProperty({ maxLength: 100, example: 'lastActivityAt', description: 'A field of the entity' })
  @IsString()
  @MaxLength(100)
  field!: string;

  @ApiProperty({ enum: ['asc', 'desc'] })
  @IsIn(['asc', 'desc'])
  direction!: 'asc' | 'desc';
}

/** What a view or a report lists: the entity, its columns (field names), a rule and one sort. */
export class ListDefinitionDto {
  @ApiProperty({ enum: REPORTING_ENTITIES })
  @IsIn(REPORTING_ENTITIES)
  entity!: ReportingEntity;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Inactive PagerDuty admins' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [String], maxItems: 60, example: ['email', 'app.name', 'vendorRole', 'lastActivityAt', 'person.fullName'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  columns!: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: RULE_DESCRIPTION })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @ApiPropertyOptional({ type: SortDto, description: 'Default: the first column, ascending' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SortDto)
  sort?: SortDto;
}

export class SortViewDto {
  @ApiProperty() field!: string;
  @ApiProperty({ enum: ['asc', 'desc'] }) direction!: 'asc' | 'desc';
}

/** A page of rows: each row is an object keyed by the column's field name (`person.fullName`, …). */
export class RowsPageDto {
  @ApiProperty({ type: [String] }) columns!: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) data!: Record<string, unknown>[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  next_cursor!: string | null;
}

export class EntityFieldDto {
  @ApiProperty() field!: string;
  @ApiProperty({ enum: ['string', 'number', 'boolean', 'date'] }) type!: 'string' | 'number' | 'boolean' | 'date';
  @ApiProperty() label!: string;
}

export class EntityCatalogDto implements SnakeCased<EntityCatalogView> {
  @ApiProperty({ enum: REPORTING_ENTITIES }) entity!: ReportingEntity;
  @ApiProperty({ type: [EntityFieldDto] }) fields!: EntityFieldDto[];
  @ApiProperty({ type: [String] }) default_columns!: string[];
}
