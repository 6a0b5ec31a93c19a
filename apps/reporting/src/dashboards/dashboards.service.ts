import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { DashboardView, SaveDashboardRequest, UpdateDashboardRequest, WidgetDataView, WidgetSpec } from '@seatkeeper/contracts';
import { v7 as uuidv7 } from 'uuid';
import { ENTITY_DEFINITIONS } from '../catalog/entities';
import { checkList, isoOf } from '../catalog/list-query';
import { ListRepository } from '../catalog/list.repository';
import { ReportingErrorCode, ReportingException, type FieldProblem } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';
import { ActiveSeriesRepository } from './active-series.repository';
import { SavingsService } from './savings.service';

interface DashboardRow {
  id: string;
  name: string;
  widgets: WidgetSpec[];
  is_default: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toView = (r: DashboardRow): DashboardView => ({
  id: r.id,
  name: r.name,
  widgets: r.widgets,
  isDefault: r.is_default,
  createdAt: isoOf(r.created_at),
  updatedAt: isoOf(r.updated_at),
});

const BREAKDOWN_MAX_GROUPS = 100;

/** Saved dashboards; each widget's numbers come from one request (`widget-data`). */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly savings: SavingsService,
    private readonly apps: SaasAppCatalog,
    private readonly lists: ListRepository,
    private readonly series: ActiveSeriesRepository,
  ) {}

  async list(): Promise<{ data: DashboardView[] }> {
    const rows = await this.orm.em.fork().execute<DashboardRow[]>('select * from dashboard order by is_default desc, name, id');
    return { data: rows.map(toView) };
  }

  async get(id: string): Promise<DashboardView> {
    return toView(await this.row(id));
  }

  async create(req: SaveDashboardRequest): Promise<DashboardView> {
    checkWidgets(req.widgets);
    const rows = await this.orm.em.fork().execute<DashboardRow[]>(
      'insert into dashboard (id, name, widgets) values (?, ?, ?::jsonb) returning *',
      [uuidv7(), req.name, JSON.stringify(req.widgets)],
    );
    return toView(rows[0] as DashboardRow);
  }

  async update(req: UpdateDashboardRequest): Promise<DashboardView> {
    checkWidgets(req.widgets);
    const rows = await this.orm.em.fork().execute<DashboardRow[]>(
      'update dashboard set name = ?, widgets = ?::jsonb, updated_at = now() where id = ? returning *',
      [req.name, JSON.stringify(req.widgets), req.dashboardId],
    );
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.DashboardNotFound, `No dashboard ${req.dashboardId}`);
    return toView(rows[0]);
  }

  async delete(id: string): Promise<{ deleted: true }> {
    const rows = await this.orm.em.fork().execute<{ id: string }[]>('delete from dashboard where id = ? returning id', [id]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.DashboardNotFound, `No dashboard ${id}`);
    return { deleted: true };
  }

  async widgetData(dashboardId: string, widgetId: string, now = new Date()): Promise<WidgetDataView> {
    const dashboard = await this.row(dashboardId);
    const w = dashboard.widgets.find((x) => x.id === widgetId);
    if (!w) throw new ReportingException(ReportingErrorCode.WidgetNotFound, `Dashboard ${dashboardId} has no widget ${widgetId}`);
    switch (w.type) {
      case 'count': {
        const list = listOf(w, now);
        if (JSON.stringify(w.filter ?? null).includes('"app.name"')) await this.apps.refreshIfStale();
        return { widgetId, type: 'count', value: await this.lists.count(list) };
      }
      case 'breakdown':
      case 'top_n': {
        const list = listOf(w, now);
        if (w.field === 'app.name') await this.apps.refreshIfStale();
        const buckets = await this.lists.groupCounts(list, w.field as string, w.type === 'top_n' ? 'count' : 'key', w.type === 'top_n' ? (w.limit ?? 10) : BREAKDOWN_MAX_GROUPS);
        return { widgetId, type: w.type, field: w.field as string, buckets };
      }
      case 'time_series':
        return { widgetId, type: 'time_series', points: await this.series.activePerDay(w.days ?? 30, now) };
      case 'savings':
        return { widgetId, type: 'savings', savings: await this.savings.savings(now) };
    }
  }

  private async row(id: string): Promise<DashboardRow> {
    const rows = await this.orm.em.fork().execute<DashboardRow[]>('select * from dashboard where id = ?', [id]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.DashboardNotFound, `No dashboard ${id}`);
    return rows[0];
  }
}

function listOf(w: WidgetSpec, now: Date, path = '') {
  const entity = w.entity ?? 'saas_users';
  return checkList({ entity, columns: ['id'], filters: [w.filter], sort: { field: 'id', direction: 'asc' } }, now, path);
}

/** A widget is checked when it is saved, so a dashboard never holds one that cannot answer. */
function checkWidgets(widgets: WidgetSpec[]): void {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  widgets.forEach((w, i) => {
    const at = `widgets.${i}.`;
    if (ids.has(w.id)) problems.push({ field: `${at}id`, messages: [`widget id "${w.id}" is used twice`] });
    ids.add(w.id);
    if (w.type === 'count' || w.type === 'breakdown' || w.type === 'top_n') {
      try {
        listOf(w, new Date(), at);
      } catch (e) {
        if (e instanceof ReportingException) problems.push(...((e.details as FieldProblem[] | undefined) ?? []));
        else throw e;
      }
    }
    if (w.type === 'breakdown' || w.type === 'top_n') {
      const fields = ENTITY_DEFINITIONS[w.entity ?? 'saas_users'].fields;
      if (!w.field || !fields[w.field]) problems.push({ field: `${at}field`, messages: [`group by a field of ${w.entity ?? 'saas_users'}`] });
    }
  });
  if (problems.length) throw new ReportingException(ReportingErrorCode.WidgetInvalid, 'A widget cannot answer as configured', problems);
}
