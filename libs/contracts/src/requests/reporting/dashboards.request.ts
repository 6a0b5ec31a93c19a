import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { defineRequest } from '../../define-request';
import { EmptyRequest } from '../mapping/mapping-definition.dto';
import { REPORTING_ENTITIES, type ReportingEntity } from './list-views.request';

export const WIDGET_TYPES = ['count', 'breakdown', 'time_series', 'top_n', 'savings'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/**
 * One widget. `count`: rows of `entity` matching `filter`; `breakdown` and `top_n`: those rows
 * grouped by `field` (all groups by key / the `limit` largest); `time_series`: active SaaS users
 * per day over the last `days`; `savings`: potential and realised savings.
 */
export class WidgetSpec {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  id!: string;

  @IsIn(WIDGET_TYPES)
  type!: WidgetType;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @IsOptional()
  @IsIn(REPORTING_ENTITIES)
  entity?: ReportingEntity;

  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  field?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class SaveDashboardRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => WidgetSpec)
  widgets!: WidgetSpec[];
}

export class UpdateDashboardRequest extends SaveDashboardRequest {
  @IsUUID()
  dashboardId!: string;
}

export class DashboardRef {
  @IsUUID()
  dashboardId!: string;
}

export class WidgetRef extends DashboardRef {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  widgetId!: string;
}

export interface DashboardView {
  id: string;
  name: string;
  widgets: WidgetSpec[];
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AppSavingsView {
  saasAppId: string;
  appName: string | null;
  currency: string | null;
  seatPrice: string | null;
  seatsPurchased: number | null;
  activeSeats: number;
  inactiveSeats: number;
  leaverSeats: number;
  /** Seats that are inactive or held by a leaver (each counted once). */
  reclaimableSeats: number;
  /** reclaimableSeats × seatPrice per month, decimal string; null when the price is unknown. */
  potentialMonthly: string | null;
  /** Seats freed by workflow deletions, and their worth per month at today's price. */
  freedSeats: number;
  realisedMonthly: string | null;
}

export interface SavingsView {
  inactiveDays: number;
  apps: AppSavingsView[];
  /** Totals per currency, decimal strings. */
  potentialMonthly: Record<string, string>;
  realisedMonthly: Record<string, string>;
}

export type WidgetDataView =
  | { widgetId: string; type: 'count'; value: number }
  | { widgetId: string; type: 'breakdown' | 'top_n'; field: string; buckets: { key: string | null; count: number }[] }
  | { widgetId: string; type: 'time_series'; points: { date: string; value: number }[] }
  | { widgetId: string; type: 'savings'; savings: SavingsView };

export class LedgerRequest {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface LedgerEntryView {
  stepId: string;
  runId: string;
  workflowId: string;
  workflowName: string;
  saasUserId: string | null;
  saasAppId: string | null;
  appName: string | null;
  externalId: string | null;
  email: string | null;
  freedAt: string;
  seatPrice: string | null;
  currency: string | null;
}

export const ReportingDashboardsList = defineRequest<{ data: DashboardView[] }>('reporting.dashboards.list', EmptyRequest, 'reporting');
export const ReportingDashboardsGet = defineRequest<DashboardView>('reporting.dashboards.get', DashboardRef, 'reporting');
export const ReportingDashboardsCreate = defineRequest<DashboardView>('reporting.dashboards.create', SaveDashboardRequest, 'reporting');
export const ReportingDashboardsUpdate = defineRequest<DashboardView>('reporting.dashboards.update', UpdateDashboardRequest, 'reporting');
export const ReportingDashboardsDelete = defineRequest<{ deleted: true }>('reporting.dashboards.delete', DashboardRef, 'reporting');
export const ReportingWidgetData = defineRequest<WidgetDataView>('reporting.dashboards.widget-data', WidgetRef, 'reporting');
export const ReportingSavings = defineRequest<SavingsView>('reporting.savings.get', EmptyRequest, 'reporting');
export const ReportingSavingsLedger = defineRequest<{ data: LedgerEntryView[]; nextCursor: string | null }>(
  'reporting.savings.ledger',
  LedgerRequest,
  'reporting',
);
