import type {
  DashboardView,
  DeliveryView,
  EntityCatalogView,
  LedgerEntryView,
  ReportView,
  RowsPageView,
  SavedViewView,
  SavingsView,
  ScheduleView,
  ShareLinkView,
  WidgetDataView,
  WidgetSpec,
} from '@seatkeeper/contracts';
import type { Page } from '../http/pagination';
import type { DashboardDto, SavingsDto, WidgetDataDto, WidgetDto } from './dashboards.dto';
import type { EntityCatalogDto, RowsPageDto } from './list.dto';
import type { DeliveryDto, LedgerEntryDto, ReportDto, ScheduleDto, ShareLinkDto } from './reports.dto';
import type { ViewDto } from './views.dto';

export const toViewDto = (v: SavedViewView): ViewDto => ({
  id: v.id,
  entity: v.entity,
  name: v.name,
  columns: v.columns,
  filter: v.filter,
  sort: v.sort,
  is_default: v.isDefault,
  created_at: v.createdAt,
  updated_at: v.updatedAt,
});

export const toRowsPageDto = (p: RowsPageView): RowsPageDto => ({ columns: p.columns, data: p.rows, next_cursor: p.nextCursor });

export const toEntityCatalogDto = (e: EntityCatalogView): EntityCatalogDto => ({ entity: e.entity, fields: e.fields, default_columns: e.defaultColumns });

export const toWidgetDto = (w: WidgetSpec): WidgetDto => ({
  id: w.id,
  type: w.type,
  title: w.title,
  ...(w.entity !== undefined ? { entity: w.entity } : {}),
  ...(w.filter !== undefined ? { filter: w.filter } : {}),
  ...(w.field !== undefined ? { field: w.field } : {}),
  ...(w.limit !== undefined ? { limit: w.limit } : {}),
  ...(w.days !== undefined ? { days: w.days } : {}),
});

export const toDashboardDto = (d: DashboardView): DashboardDto => ({
  id: d.id,
  name: d.name,
  widgets: d.widgets.map(toWidgetDto),
  is_default: d.isDefault,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

export const toSavingsDto = (s: SavingsView): SavingsDto => ({
  inactive_days: s.inactiveDays,
  potential_monthly: s.potentialMonthly,
  realised_monthly: s.realisedMonthly,
  apps: s.apps.map((a) => ({
    saas_app_id: a.saasAppId,
    app_name: a.appName,
    currency: a.currency,
    seat_price: a.seatPrice,
    seats_purchased: a.seatsPurchased,
    active_seats: a.activeSeats,
    inactive_seats: a.inactiveSeats,
    leaver_seats: a.leaverSeats,
    reclaimable_seats: a.reclaimableSeats,
    potential_monthly: a.potentialMonthly,
    freed_seats: a.freedSeats,
    realised_monthly: a.realisedMonthly,
  })),
});

export function toWidgetDataDto(w: WidgetDataView): WidgetDataDto {
  switch (w.type) {
    case 'count':
      return { widget_id: w.widgetId, type: w.type, value: w.value };
    case 'breakdown':
    case 'top_n':
      return { widget_id: w.widgetId, type: w.type, field: w.field, buckets: w.buckets };
    case 'time_series':
      return { widget_id: w.widgetId, type: w.type, points: w.points };
    case 'savings':
      return { widget_id: w.widgetId, type: w.type, savings: toSavingsDto(w.savings) };
  }
}

export const toLedgerPage = (p: { data: LedgerEntryView[]; nextCursor: string | null }): Page<LedgerEntryDto> => ({
  data: p.data.map((e) => ({
    step_id: e.stepId,
    run_id: e.runId,
    workflow_id: e.workflowId,
    workflow_name: e.workflowName,
    saas_user_id: e.saasUserId,
    saas_app_id: e.saasAppId,
    app_name: e.appName,
    external_id: e.externalId,
    email: e.email,
    freed_at: e.freedAt,
    seat_price: e.seatPrice,
    currency: e.currency,
  })),
  next_cursor: p.nextCursor,
});

export const toReportDto = (r: ReportView): ReportDto => ({
  id: r.id,
  name: r.name,
  entity: r.entity,
  columns: r.columns,
  filter: r.filter,
  sort: r.sort,
  group_by: r.groupBy,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
});

export const toShareLinkDto = (l: ShareLinkView): ShareLinkDto => ({
  id: l.id,
  report_id: l.reportId,
  expires_at: l.expiresAt,
  revoked_at: l.revokedAt,
  created_at: l.createdAt,
});

export const toScheduleDto = (s: ScheduleView): ScheduleDto => ({
  id: s.id,
  report_id: s.reportId,
  cron: s.cron,
  time_zone: s.timeZone,
  format: s.format,
  webhook_url: s.webhookUrl,
  enabled: s.enabled,
  next_run_at: s.nextRunAt,
  created_at: s.createdAt,
});

export const toDeliveryDto = (d: DeliveryView): DeliveryDto => ({
  id: d.id,
  schedule_id: d.scheduleId,
  due_at: d.dueAt,
  started_at: d.startedAt,
  finished_at: d.finishedAt,
  status: d.status,
  http_status: d.httpStatus,
  rows: d.rows,
  bytes: d.bytes,
  error: d.error,
  attempts: d.attempts.map((a) => ({
    attempt: a.attempt,
    started_at: a.startedAt,
    finished_at: a.finishedAt,
    http_status: a.httpStatus,
    rows: a.rows,
    bytes: a.bytes,
    error: a.error,
  })),
});
