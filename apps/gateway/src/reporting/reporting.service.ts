import { Injectable } from '@nestjs/common';
import {
  ReportingDashboardsCreate,
  ReportingDashboardsDelete,
  ReportingDashboardsGet,
  ReportingDashboardsList,
  ReportingDashboardsUpdate,
  ReportingDeliveriesList,
  ReportingEntitiesList,
  ReportingReportsCreate,
  ReportingReportsDelete,
  ReportingReportsGet,
  ReportingReportsList,
  ReportingReportsRows,
  ReportingReportsUpdate,
  ReportingSavings,
  ReportingSavingsLedger,
  ReportingSchedulesCreate,
  ReportingSchedulesDelete,
  ReportingSchedulesList,
  ReportingShareLinksCreate,
  ReportingShareLinksList,
  ReportingShareLinksRevoke,
  ReportingSharedRows,
  ReportingViewsCreate,
  ReportingViewsDelete,
  ReportingViewsGet,
  ReportingViewsList,
  ReportingViewsRows,
  ReportingViewsUpdate,
  ReportingWidgetData,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { PageFetcher } from '@seatkeeper/report-file';
import { ruleOf } from '../directory/rule-filter.query';
import type { Page, PageQueryDto } from '../http/pagination';
import { toCamelCase, toSnakeCase } from '../http/public-names';
import type { DashboardDto, SaveDashboardDto, SavingsDto, WidgetDataDto } from './dashboards.dto';
import type { EntityCatalogDto, RowsPageDto } from './list.dto';
import type { CreatedShareLinkDto, CreateScheduleDto, CreateShareLinkDto, DeliveryDto, LedgerEntryDto, ReportDto, SaveReportDto, ScheduleDto, ShareLinkDto } from './reports.dto';
import type { SaveViewDto, ViewDto, ViewRowsQuery } from './views.dto';

/**
 * Values that are data, not shape, keep their keys: a `filter` rule (names fields as the service
 * spells them) and the per-currency totals of the savings (`EUR`, not `_e_u_r`).
 */
const DATA_FIELDS = ['filter', 'potentialMonthly', 'realisedMonthly'] as const;

const EXPORT_PAGE_ROWS = 2000;

/** Calls the reporting service's `reporting.*` requests and answers in the public (snake_case) shapes. */
@Injectable()
export class ReportingService {
  constructor(private readonly rpc: RpcClient) {}

  async entities(): Promise<{ data: EntityCatalogDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingEntitiesList, {}));
  }

  async views(): Promise<{ data: ViewDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingViewsList, {}), DATA_FIELDS);
  }

  async view(viewId: string): Promise<ViewDto> {
    return toSnakeCase(await this.rpc.request(ReportingViewsGet, { viewId }), DATA_FIELDS);
  }

  async createView(body: SaveViewDto): Promise<ViewDto> {
    return toSnakeCase(await this.rpc.request(ReportingViewsCreate, toCamelCase(body, DATA_FIELDS)), DATA_FIELDS);
  }

  async updateView(viewId: string, body: SaveViewDto): Promise<ViewDto> {
    return toSnakeCase(await this.rpc.request(ReportingViewsUpdate, { ...toCamelCase(body, DATA_FIELDS), viewId }), DATA_FIELDS);
  }

  async deleteView(viewId: string): Promise<void> {
    await this.rpc.request(ReportingViewsDelete, { viewId });
  }

  /** `?sort=field:direction` overrides the view's order; `?filter=` is a JSON rule. */
  async viewRows(viewId: string, q: ViewRowsQuery): Promise<RowsPageDto> {
    const [field, direction] = q.sort ? (q.sort.split(':') as [string, 'asc' | 'desc']) : [];
    const page = await this.rpc.request(ReportingViewsRows, {
      viewId,
      limit: q.limit,
      cursor: q.cursor,
      filter: ruleOf(q.filter),
      ...(field && direction ? { sort: { field, direction } } : {}),
    });
    // Deliberate: the rows are the page's `data` (as in every list), keyed by field name as they come.
    return { columns: page.columns, data: page.rows, next_cursor: page.nextCursor };
  }

  async dashboards(): Promise<{ data: DashboardDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingDashboardsList, {}), DATA_FIELDS);
  }

  async dashboard(dashboardId: string): Promise<DashboardDto> {
    return toSnakeCase(await this.rpc.request(ReportingDashboardsGet, { dashboardId }), DATA_FIELDS);
  }

  async createDashboard(body: SaveDashboardDto): Promise<DashboardDto> {
    return toSnakeCase(await this.rpc.request(ReportingDashboardsCreate, toCamelCase(body, DATA_FIELDS)), DATA_FIELDS);
  }

  async updateDashboard(dashboardId: string, body: SaveDashboardDto): Promise<DashboardDto> {
    return toSnakeCase(await this.rpc.request(ReportingDashboardsUpdate, { ...toCamelCase(body, DATA_FIELDS), dashboardId }), DATA_FIELDS);
  }

  async deleteDashboard(dashboardId: string): Promise<void> {
    await this.rpc.request(ReportingDashboardsDelete, { dashboardId });
  }

  async widgetData(dashboardId: string, widgetId: string): Promise<WidgetDataDto> {
    return toSnakeCase(await this.rpc.request(ReportingWidgetData, { dashboardId, widgetId }), DATA_FIELDS);
  }

  async savings(): Promise<SavingsDto> {
    return toSnakeCase(await this.rpc.request(ReportingSavings, {}), DATA_FIELDS);
  }

  async ledger(q: PageQueryDto): Promise<Page<LedgerEntryDto>> {
    return toSnakeCase(await this.rpc.request(ReportingSavingsLedger, toCamelCase(q)));
  }

  async reports(): Promise<{ data: ReportDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingReportsList, {}), DATA_FIELDS);
  }

  async report(reportId: string): Promise<ReportDto> {
    return toSnakeCase(await this.rpc.request(ReportingReportsGet, { reportId }), DATA_FIELDS);
  }

  async createReport(body: SaveReportDto): Promise<ReportDto> {
    return toSnakeCase(await this.rpc.request(ReportingReportsCreate, toCamelCase(body, DATA_FIELDS)), DATA_FIELDS);
  }

  async updateReport(reportId: string, body: SaveReportDto): Promise<ReportDto> {
    return toSnakeCase(await this.rpc.request(ReportingReportsUpdate, { ...toCamelCase(body, DATA_FIELDS), reportId }), DATA_FIELDS);
  }

  async deleteReport(reportId: string): Promise<void> {
    await this.rpc.request(ReportingReportsDelete, { reportId });
  }

  /** The pages of a report, for an export (one page of rows at a time). */
  reportRows(reportId: string): PageFetcher {
    return (cursor) => this.rpc.request(ReportingReportsRows, { reportId, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) });
  }

  /** The pages of the report a share link opens. */
  sharedRows(token: string): PageFetcher {
    return (cursor) => this.rpc.request(ReportingSharedRows, { token, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) });
  }

  /** Deliberate: the answer adds the `path` that opens the link. */
  async share(reportId: string, body: CreateShareLinkDto): Promise<CreatedShareLinkDto> {
    const link = toSnakeCase(await this.rpc.request(ReportingShareLinksCreate, { ...toCamelCase(body), reportId }));
    return { ...link, path: `/api/v1/shared-reports/${link.token}` };
  }

  async shareLinks(reportId: string): Promise<{ data: ShareLinkDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingShareLinksList, { reportId }));
  }

  async revokeShareLink(shareLinkId: string): Promise<ShareLinkDto> {
    return toSnakeCase(await this.rpc.request(ReportingShareLinksRevoke, { shareLinkId }));
  }

  async schedule(reportId: string, body: CreateScheduleDto): Promise<ScheduleDto> {
    return toSnakeCase(await this.rpc.request(ReportingSchedulesCreate, { ...toCamelCase(body), reportId }));
  }

  async schedules(reportId: string): Promise<{ data: ScheduleDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingSchedulesList, { reportId }));
  }

  async unschedule(scheduleId: string): Promise<void> {
    await this.rpc.request(ReportingSchedulesDelete, { scheduleId });
  }

  async deliveries(scheduleId: string): Promise<{ data: DeliveryDto[] }> {
    return toSnakeCase(await this.rpc.request(ReportingDeliveriesList, { scheduleId }));
  }
}
