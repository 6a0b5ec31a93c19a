import { Injectable } from '@nestjs/common';
import type { DashboardView, SaveDashboardRequest, UpdateDashboardRequest, WidgetDataView, WidgetSpec } from '@seatkeeper/contracts';
import { ENTITY_DEFINITIONS } from '../catalog/entities';
import { checkList, isoOf } from '../catalog/list-query';
import { ListRepository } from '../catalog/list.repository';
import { ReportingErrorCode, ReportingException, type FieldProblem } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';
import { ActiveSeriesRepository } from './active-series.repository';
import { Dashboard } from './dashboard.entity';
import { DashboardsRepository } from './dashboards.repository';
import { SavingsService } from './savings.service';

const toView = (r: Dashboard): DashboardView => ({
  id: r.id,
  name: r.name,
  widgets: r.widgets,
  isDefault: r.isDefault,
  createdAt: isoOf(r.createdAt),
  updatedAt: isoOf(r.updatedAt),
});

const BREAKDOWN_MAX_GROUPS = 100;

/** Saved dashboards; each widget's numbers come from one request (`widget-data`). */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly dashboards: DashboardsRepository,
    private readonly savings: SavingsService,
    private readonly apps: SaasAppCatalog,
    private readonly lists: ListRepository,
    private readonly series: ActiveSeriesRepository,
  ) {}

  async list(): Promise<{ data: DashboardView[] }> {
    return { data: (await this.dashboards.list()).map(toView) };
  }

  async get(id: string): Promise<DashboardView> {
    return toView(await this.row(id));
  }

  async create(req: SaveDashboardRequest): Promise<DashboardView> {
    checkWidgets(req.widgets);
    return toView(await this.dashboards.create({ name: req.name, widgets: req.widgets }));
  }

  async update(req: UpdateDashboardRequest): Promise<DashboardView> {
    checkWidgets(req.widgets);
    const dashboard = await this.dashboards.update(req.dashboardId, { name: req.name, widgets: req.widgets });
    if (!dashboard) throw new ReportingException(ReportingErrorCode.DashboardNotFound, `No dashboard ${req.dashboardId}`);
    return toView(dashboard);
  }

  async delete(id: string): Promise<{ deleted: true }> {
    if (!(await this.dashboards.delete(id))) throw new ReportingException(ReportingErrorCode.DashboardNotFound, `No dashboard ${id}`);
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

  private async row(id: string): Promise<Dashboard> {
    const dashboard = await this.dashboards.findById(id);
    if (!dashboard) throw new ReportingException(ReportingErrorCode.DashboardNotFound, `No dashboard ${id}`);
    return dashboard;
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
