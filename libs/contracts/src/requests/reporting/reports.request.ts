import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { defineRequest } from '../../define-request';
import { EmptyRequest } from '../mapping/mapping-definition.dto';
import { ListDefinition, RowsPage, type ReportingEntity } from './list-views.request';

/** A saved report: a list definition, optionally grouped by one field (then rows are `{group, count}`). */
export class SaveReportRequest extends ListDefinition {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  groupBy?: string | null;
}

export class UpdateReportRequest extends SaveReportRequest {
  @IsUUID()
  reportId!: string;
}

export class ReportRef {
  @IsUUID()
  reportId!: string;
}

export class ReportRowsRequest extends RowsPage {
  @IsUUID()
  reportId!: string;
}

export interface ReportView {
  id: string;
  name: string;
  entity: ReportingEntity;
  columns: string[];
  filter: Record<string, unknown> | null;
  sort: { field: string; direction: 'asc' | 'desc' };
  groupBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A page of a report's rows, with the header labels an export writes. */
export interface ReportRowsView {
  reportName: string;
  columns: string[];
  labels: string[];
  rows: unknown[][];
  nextCursor: string | null;
}

export class CreateShareLinkRequest {
  @IsUUID()
  reportId!: string;

  /** How long the link works, 1 hour to 90 days. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2160)
  expiresInHours!: number;
}

export class ShareLinkRef {
  @IsUUID()
  shareLinkId!: string;
}

export class SharedRowsRequest extends RowsPage {
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  token!: string;
}

export interface ShareLinkView {
  id: string;
  reportId: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

export interface CreatedShareLinkView extends ShareLinkView {
  /** Shown once; opening `/api/v1/shared-reports/<token>` needs nothing else. */
  token: string;
}

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class CreateScheduleRequest {
  @IsUUID()
  reportId!: string;

  /** Five-field cron, e.g. `0 7 * * 1` (Mondays 07:00). */
  @IsString()
  @MinLength(9)
  @MaxLength(100)
  cron!: string;

  /** IANA time zone, e.g. `Europe/Paris`. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  timeZone!: string;

  @IsIn(REPORT_FORMATS)
  format!: ReportFormat;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  webhookUrl!: string;
}

export class ScheduleRef {
  @IsUUID()
  scheduleId!: string;
}

export interface ScheduleView {
  id: string;
  reportId: string;
  cron: string;
  timeZone: string;
  format: ReportFormat;
  webhookUrl: string;
  enabled: boolean;
  nextRunAt: string;
  createdAt: string;
}

/** One try at POSTing a delivery's file to the webhook. */
export interface DeliveryAttemptView {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  httpStatus: number | null;
  rows: number | null;
  bytes: number | null;
  error: string | null;
}

/** A due time of a schedule; `httpStatus` … `error` are its last attempt's, `attempts` all of them (first first). */
export interface DeliveryView {
  id: string;
  scheduleId: string;
  dueAt: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'delivered' | 'failed';
  httpStatus: number | null;
  rows: number | null;
  bytes: number | null;
  error: string | null;
  attempts: DeliveryAttemptView[];
}

export const ReportingReportsList = defineRequest<{ data: ReportView[] }>('reporting.reports.list', EmptyRequest, 'reporting');
export const ReportingReportsGet = defineRequest<ReportView>('reporting.reports.get', ReportRef, 'reporting');
export const ReportingReportsCreate = defineRequest<ReportView>('reporting.reports.create', SaveReportRequest, 'reporting');
export const ReportingReportsUpdate = defineRequest<ReportView>('reporting.reports.update', UpdateReportRequest, 'reporting');
export const ReportingReportsDelete = defineRequest<{ deleted: true }>('reporting.reports.delete', ReportRef, 'reporting');
export const ReportingReportsRows = defineRequest<ReportRowsView>('reporting.reports.rows', ReportRowsRequest, 'reporting');
export const ReportingShareLinksCreate = defineRequest<CreatedShareLinkView>('reporting.share-links.create', CreateShareLinkRequest, 'reporting');
export const ReportingShareLinksList = defineRequest<{ data: ShareLinkView[] }>('reporting.share-links.list', ReportRef, 'reporting');
export const ReportingShareLinksRevoke = defineRequest<ShareLinkView>('reporting.share-links.revoke', ShareLinkRef, 'reporting');
/** Rows of a shared report: the token alone authorises, and only this report's rows. */
export const ReportingSharedRows = defineRequest<ReportRowsView>('reporting.share-links.rows', SharedRowsRequest, 'reporting');
export const ReportingSchedulesCreate = defineRequest<ScheduleView>('reporting.schedules.create', CreateScheduleRequest, 'reporting');
export const ReportingSchedulesList = defineRequest<{ data: ScheduleView[] }>('reporting.schedules.list', ReportRef, 'reporting');
export const ReportingSchedulesDelete = defineRequest<{ deleted: true }>('reporting.schedules.delete', ScheduleRef, 'reporting');
export const ReportingDeliveriesList = defineRequest<{ data: DeliveryView[] }>('reporting.schedules.deliveries', ScheduleRef, 'reporting');
