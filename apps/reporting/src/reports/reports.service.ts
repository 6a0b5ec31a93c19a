import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ReportRowsView, ReportView, SaveReportRequest, UpdateReportRequest } from '@seatkeeper/contracts';
import { v7 as uuidv7 } from 'uuid';
import { ENTITY_DEFINITIONS } from '../catalog/entities';
import { checkList, type SortSpec, isoOf } from '../catalog/list-query';
import { ListRepository } from '../catalog/list.repository';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';
import { sortOf, usesApps } from '../views/views.service';

export const EXPORT_PAGE_ROWS = 2000;
const MAX_GROUPS = 10_000;

export interface ReportRow {
  id: string;
  name: string;
  entity: ReportView['entity'];
  columns: string[];
  filter: Record<string, unknown> | null;
  sort: SortSpec;
  group_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const toView = (r: ReportRow): ReportView => ({
  id: r.id,
  name: r.name,
  entity: r.entity,
  columns: r.columns,
  filter: r.filter,
  sort: r.sort,
  groupBy: r.group_by,
  createdAt: isoOf(r.created_at),
  updatedAt: isoOf(r.updated_at),
});

/**
 * Saved report definitions and their rows, a page at a time: an export of 100,000 rows is 50
 * keyset pages, so neither reporting nor the gateway ever holds more than one page.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly apps: SaasAppCatalog,
    private readonly lists: ListRepository,
  ) {}

  async list(): Promise<{ data: ReportView[] }> {
    const rows = await this.orm.em.fork().execute<ReportRow[]>('select * from report order by name, id');
    return { data: rows.map(toView) };
  }

  async get(id: string): Promise<ReportView> {
    return toView(await this.row(id));
  }

  async create(req: SaveReportRequest): Promise<ReportView> {
    const sort = this.check(req);
    const rows = await this.orm.em.fork().execute<ReportRow[]>(
      `insert into report (id, name, entity, columns, filter, sort, group_by) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?) returning *`,
      [uuidv7(), req.name, req.entity, JSON.stringify(req.columns), req.filter ? JSON.stringify(req.filter) : null, JSON.stringify(sort), req.groupBy ?? null],
    );
    return toView(rows[0] as ReportRow);
  }

  async update(req: UpdateReportRequest): Promise<ReportView> {
    const sort = this.check(req);
    const rows = await this.orm.em.fork().execute<ReportRow[]>(
      `update report set name = ?, entity = ?, columns = ?::jsonb, filter = ?::jsonb, sort = ?::jsonb, group_by = ?, updated_at = now()
       where id = ? returning *`,
      [req.name, req.entity, JSON.stringify(req.columns), req.filter ? JSON.stringify(req.filter) : null, JSON.stringify(sort), req.groupBy ?? null, req.reportId],
    );
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ReportNotFound, `No report ${req.reportId}`);
    return toView(rows[0]);
  }

  async delete(id: string): Promise<{ deleted: true }> {
    const rows = await this.orm.em.fork().execute<{ id: string }[]>('delete from report where id = ? returning id', [id]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ReportNotFound, `No report ${id}`);
    return { deleted: true };
  }

  async rowsOf(reportId: string, limit = EXPORT_PAGE_ROWS, cursor?: string): Promise<ReportRowsView> {
    return this.rows(await this.row(reportId), limit, cursor);
  }

  async rows(report: ReportRow, limit = EXPORT_PAGE_ROWS, cursor?: string): Promise<ReportRowsView> {
    const entity = ENTITY_DEFINITIONS[report.entity];
    const list = checkList({ entity: report.entity, columns: report.columns, filters: [report.filter], sort: report.sort }, new Date());
    if (usesApps(report) || report.group_by === 'app.name') await this.apps.refreshIfStale();
    if (report.group_by) {
      // Grouped reports are small (one row per group), answered in one page.
      const groups = await this.lists.groupCounts(list, report.group_by, 'key', MAX_GROUPS);
      const label = entity.fields[report.group_by]?.label ?? report.group_by;
      return { reportName: report.name, columns: [report.group_by, 'count'], labels: [label, 'Count'], rows: groups.map((g) => [g.key, g.count]), nextCursor: null };
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

  async row(id: string): Promise<ReportRow> {
    const rows = await this.orm.em.fork().execute<ReportRow[]>('select * from report where id = ?', [id]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ReportNotFound, `No report ${id}`);
    return rows[0];
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

