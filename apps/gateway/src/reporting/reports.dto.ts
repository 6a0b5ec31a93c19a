import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  REPORT_FORMATS,
  REPORTING_ENTITIES,
  type DeliveryAttemptView,
  type DeliveryView,
  type LedgerEntryView,
  type ReportFormat,
  type ReportView,
  type ScheduleView,
  type ShareLinkView,
} from '@seatkeeper/contracts';
import type { SnakeCased } from '../http/public-names';
import { ListDefinitionDto, SortViewDto } from './list.dto';

export class SaveReportDto extends ListDefinitionDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Group by this field: rows become (value, count)', example: 'vendorRole' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  group_by?: string;
}

/** The reporting contracts' views in snake_case (../http/public-names; `filter` is data). */
export class ReportDto implements SnakeCased<ReportView, 'filter'> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: REPORTING_ENTITIES }) entity!: ReportView['entity'];
  @ApiProperty({ type: [String] }) columns!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) filter!: Record<string, unknown> | null;
  @ApiProperty({ type: SortViewDto }) sort!: SortViewDto;
  @ApiProperty({ type: String, nullable: true }) group_by!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class SharedReportParams {
  @ApiProperty({ maxLength: 512, description: 'The token of a share link' })
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'token must be a share link token' })
  token!: string;
}

export class CreateShareLinkDto {
  @ApiProperty({ minimum: 1, maximum: 2160, description: 'Hours until the link stops working (at most 90 days)', example: 168 })
  @IsInt()
  @Min(1)
  @Max(2160)
  expires_in_hours!: number;
}

export class ShareLinkDto implements SnakeCased<ShareLinkView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) report_id!: string;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class CreatedShareLinkDto extends ShareLinkDto {
  @ApiProperty({ description: 'Shown once. Anyone may open GET /api/v1/shared-reports/{token} until it expires or is revoked.' })
  token!: string;
  @ApiProperty({ description: 'The path to open' }) path!: string;
}

export class CreateScheduleDto {
  @ApiProperty({ minLength: 9, maxLength: 100, example: '0 7 * * 1', description: 'Five-field cron' })
  @IsString()
  @MinLength(9)
  @MaxLength(100)
  cron!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Europe/Paris', description: 'IANA time zone' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  time_zone!: string;

  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS)
  format!: ReportFormat;

  @ApiProperty({ maxLength: 2000, example: 'https://hooks.example.com/seatkeeper', description: 'Receives a POST with the file as its body' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  webhook_url!: string;
}

export class ScheduleDto implements SnakeCased<ScheduleView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) report_id!: string;
  @ApiProperty() cron!: string;
  @ApiProperty() time_zone!: string;
  @ApiProperty({ enum: REPORT_FORMATS }) format!: ReportFormat;
  @ApiProperty() webhook_url!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) next_run_at!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class DeliveryAttemptDto implements SnakeCased<DeliveryAttemptView> {
  @ApiProperty({ description: '1 for the first try' }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ format: 'date-time' }) finished_at!: string;
  @ApiProperty({ type: Number, nullable: true }) http_status!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rows!: number | null;
  @ApiProperty({ type: Number, nullable: true }) bytes!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

/** A due time of a schedule: its outcome (the last attempt's) and every attempt. */
export class DeliveryDto implements SnakeCased<DeliveryView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) schedule_id!: string;
  @ApiProperty({ format: 'date-time' }) due_at!: string;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
  @ApiProperty({ enum: ['running', 'delivered', 'failed'] }) status!: DeliveryView['status'];
  @ApiProperty({ type: Number, nullable: true }) http_status!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rows!: number | null;
  @ApiProperty({ type: Number, nullable: true }) bytes!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: [DeliveryAttemptDto] }) attempts!: DeliveryAttemptDto[];
}

export class LedgerEntryDto implements SnakeCased<LedgerEntryView> {
  @ApiProperty({ format: 'uuid' }) step_id!: string;
  @ApiProperty({ format: 'uuid' }) run_id!: string;
  @ApiProperty({ format: 'uuid' }) workflow_id!: string;
  @ApiProperty() workflow_name!: string;
  @ApiProperty({ type: String, nullable: true }) saas_user_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) saas_app_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) app_name!: string | null;
  @ApiProperty({ type: String, nullable: true }) external_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ format: 'date-time' }) freed_at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Today\'s price of the seat' }) seat_price!: string | null;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
}
