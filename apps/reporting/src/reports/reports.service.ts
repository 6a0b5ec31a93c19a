import { Injectable } from '@nestjs/common';
import type { ReportRowsView, ReportView, SaveReportRequest, UpdateReportRequest } from '@seatkeeper/contracts';
import { ENTITY_DEFINITIONS } from '../catalog/entities';
import { checkList, type SortSpec, isoOf } from '../catalog/list-query';
import { ListRepository } from '../catalog/list.repository';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';
import { sortOf, usesApps } from '../views/views.service';
import { Report } from './report.entity';
import { ReportsRepository, type ReportFields } from './reports.repository';

export const EXPORT_PAGE_ROWS = 2000;
const MAX_GROUPS = 10_000;

const toView = (r: Report): ReportView => ({
  id: r.id,
  name: r.name,
  entity: r.entity,
  columns: r.columns,
  filter: r.filter,
  sort: r.sort,
  groupBy: r.groupBy,
  createdAt: isoOf(r.createdAt),
  updatedAt: isoOf(r.updatedAt),
});

/**
 * Saved report definitions and their rows, a page at a time: an export of 100,000 rows is 50
 * keyset pages, so neither reporting nor the gateway ever holds more than one page.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly apps: SaasAppCatalog,
    private readonly lists: ListRepository,
  ) {}

  async list(): Promise<{ data: ReportView[] }> {
    return { data: (await this.reports.list()).map(toView) };
  }

  async get(id: string): Promise<ReportView> {
    return toView(await this.row(id));
  }

  async create(req: SaveReportRequest): Promise<ReportView> {
    const sort = this.check(req);
    return toView(await this.reports.create(fieldsOf(req, sort)));
  }

  async update(req: UpdateReportRequest): Promise<ReportView> {
    const sort = this.check(req);
    const report = await this.reports.update(req.reportId, fieldsOf(req, sort));
    if (!report) throw new ReportingException(ReportingErrorCode.ReportNotFound, `No report ${req.reportId}`);
    return toView(report);
  }

  async delete(id: string): Promise<{ deleted: true }> {
    if (!(await this.reports.delete(id))) throw new ReportingException(ReportingErrorCode.ReportNotFound, `No report ${id}`);
    return { deleted: true };
  }

  async rowsOf(reportId: string, limit = EXPORT_PAGE_ROWS, cursor?: string): Promise<ReportRowsView> {
    return this.rows(await this.row(reportId), limit, cursor);
  }

  async rows(report: Report, limit = EXPORT_PAGE_ROWS, cursor?: string): Promise<ReportRowsView> {
    const entity = ENTITY_DEFINITIONS[report.entity];
    const list = checkList({ entity: report.entity, columns: report.columns, filters: [report.filter], sort: report.sort }, new Date());
    if (usesApps(report) || report.groupBy === 'app.name') await this.apps.refreshIfStale();
    if (report.groupBy) {
      // Grouped reports are small (one row per group), answered in one page.
      const groups = await this.lists.groupCounts(list, report.groupBy, 'key', MAX_GROUPS);
      const label = entity.fields[report.groupBy]?.label ?? report.groupBy;
      return { reportName: report.name, columns: [report.groupBy, 'count'], labels: [label, 'Count'], rows: groups.map((g) => [g.key, g.count]), nextCursor: null };
    }
    const page = await this.lists.page(list, limit, cursor);
    return {
      reportName: report.name,
      columns: list.columns,
      labels: list.columns.map((c) => entity.fields[c]?.label ?? c),
      rows: page.rows.map((r) => list.columns.map((c) => r[c])),
      nextCursor: page.nextCursor,
    };
  }

  async row(id: string): Promise<Report> {
    const report = await this.reports.findById(id);
    if (!report) throw new ReportingException(ReportingErrorCode.ReportNotFound, `No report ${id}`);
    return report;
  }

  private check(req: SaveReportRequest): SortSpec {
    const sort = sortOf(req);
    checkList({ entity: req.entity, columns: req.columns, filters: [req.filter], sort }, new Date());
    if (req.groupBy && !ENTITY_DEFINITIONS[req.entity].fields[req.groupBy]) {
      throw new ReportingException(ReportingErrorCode.ColumnInvalid, `Cannot group ${req.entity} by "${req.groupBy}"`, [
        { field: 'group_by', messages: [`unknown field "${req.groupBy}"`] },
      ]);
    }
    return sort;
  }
}

function fieldsOf(req: SaveReportRequest, sort: SortSpec): ReportFields {
  return { name: req.name, entity: req.entity, columns: req.columns, filter: req.filter ?? null, sort, groupBy: req.groupBy ?? null };
}
