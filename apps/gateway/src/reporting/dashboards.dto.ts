import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import {
  REPORTING_ENTITIES,
  WIDGET_TYPES,
  type AppSavingsView,
  type DashboardView,
  type ReportingEntity,
  type SavingsView,
  type WidgetType,
} from '@seatkeeper/contracts';
import type { SnakeCased } from '../http/public-names';
import { RULE_DESCRIPTION } from './list.dto';

export class WidgetDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'inactive-accounts', description: 'Unique within the dashboard' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  id!: string;

  @ApiProperty({
    enum: WIDGET_TYPES,
    description:
      'count: rows of `entity` matching `filter`; breakdown: those rows per value of `field`; top_n: the `limit` largest groups; time_series: active SaaS users per day over `days`; savings: potential and realised savings',
  })
  @IsIn(WIDGET_TYPES)
  type!: WidgetType;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ enum: REPORTING_ENTITIES, default: 'saas_users' })
  @IsOptional()
  @IsIn(REPORTING_ENTITIES)
  entity?: ReportingEntity;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: RULE_DESCRIPTION })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 100, description: 'The field to group by (breakdown, top_n)', example: 'vendorRole' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  field?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'top_n: how many groups' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 366, description: 'time_series: how many days back' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class SaveDashboardDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [WidgetDto], maxItems: 40 })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => WidgetDto)
  widgets!: WidgetDto[];
}

/** The contracts' views in snake_case (../http/public-names); a widget's `filter` and the per-currency totals are data. */
export class DashboardDto implements SnakeCased<DashboardView, 'filter'> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [WidgetDto] }) widgets!: WidgetDto[];
  @ApiProperty() is_default!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class AppSavingsDto implements SnakeCased<AppSavingsView> {
  @ApiProperty({ format: 'uuid' }) saas_app_id!: string;
  @ApiProperty({ type: String, nullable: true }) app_name!: string | null;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Per seat per month, decimal' }) seat_price!: string | null;
  @ApiProperty({ type: Number, nullable: true }) seats_purchased!: number | null;
  @ApiProperty() active_seats!: number;
  @ApiProperty() inactive_seats!: number;
  @ApiProperty() leaver_seats!: number;
  @ApiProperty({ description: 'Active accounts that are inactive or held by a leaver (each counted once)' }) reclaimable_seats!: number;
  @ApiProperty({ type: String, nullable: true, description: 'reclaimable_seats × seat_price, decimal' }) potential_monthly!: string | null;
  @ApiProperty({ description: 'Seats freed by workflow deletions' }) freed_seats!: number;
  @ApiProperty({ type: String, nullable: true, description: 'freed_seats × seat_price, decimal' }) realised_monthly!: string | null;
}

export class SavingsDto implements SnakeCased<SavingsView, 'potentialMonthly' | 'realisedMonthly'> {
  @ApiProperty() inactive_days!: number;
  @ApiProperty({ type: [AppSavingsDto] }) apps!: AppSavingsDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Per currency, decimal' }) potential_monthly!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Per currency, decimal' }) realised_monthly!: Record<string, string>;
}

export class BucketDto {
  @ApiProperty({ type: String, nullable: true }) key!: string | null;
  @ApiProperty() count!: number;
}

export class PointDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() value!: number;
}

/** One widget's numbers; which fields are present depends on `type`. */
export class WidgetDataDto {
  @ApiProperty() widget_id!: string;
  @ApiProperty({ enum: WIDGET_TYPES }) type!: WidgetType;
  @ApiPropertyOptional({ description: 'count' }) value?: number;
  @ApiPropertyOptional({ description: 'breakdown, top_n' }) field?: string;
  @ApiPropertyOptional({ type: [BucketDto], description: 'breakdown, top_n' }) buckets?: BucketDto[];
  @ApiPropertyOptional({ type: [PointDto], description: 'time_series' }) points?: PointDto[];
  @ApiPropertyOptional({ type: SavingsDto, description: 'savings' }) savings?: SavingsDto;
}
