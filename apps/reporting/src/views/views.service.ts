import { Injectable } from '@nestjs/common';
import type {
  AdHocRowsRequest,
  EntityCatalogView,
  ListDefinition,
  RowsPageView,
  SavedViewView,
  SaveViewRequest,
  UpdateViewRequest,
  ViewRowsRequest,
} from '@seatkeeper/contracts';
import { ENTITY_DEFINITIONS, ENTITIES } from '../catalog/entities';
import { checkList, type SortSpec, isoOf } from '../catalog/list-query';
import { ListRepository } from '../catalog/list.repository';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';
import { SavedView } from './saved-view.entity';
import { SavedViewsRepository } from './saved-views.repository';

const DEFAULT_LIMIT = 50;

const toView = (r: SavedView): SavedViewView => ({
  id: r.id,
  entity: r.entity,
  name: r.name,
  columns: r.columns,
  filter: r.filter,
  sort: r.sort,
  isDefault: r.isDefault,
  createdAt: isoOf(r.createdAt),
  updatedAt: isoOf(r.updatedAt),
});

/** The sort a definition asks for, else the first column ascending. */
export function sortOf(def: Pick<ListDefinition, 'columns' | 'sort'>): SortSpec {
  return def.sort ?? { field: def.columns[0] ?? 'id', direction: 'asc' };
}

/** Saved list views and their pages. */
@Injectable()
export class ViewsService {
  constructor(
    private readonly views: SavedViewsRepository,
    private readonly apps: SaasAppCatalog,
    private readonly lists: ListRepository,
  ) {}

  entities(): { data: EntityCatalogView[] } {
    return {
      data: ENTITIES.map((name) => {
        const e = ENTITY_DEFINITIONS[name];
        return {
          entity: name,
          fields: Object.entries(e.fields).map(([field, d]) => ({ field, type: d.type, label: d.label })),
          defaultColumns: e.defaultColumns,
        };
      }),
    };
  }

  async list(): Promise<{ data: SavedViewView[] }> {
    return { data: (await this.views.list()).map(toView) };
  }

  async get(viewId: string): Promise<SavedViewView> {
    return toView(await this.row(viewId));
  }

  async create(req: SaveViewRequest): Promise<SavedViewView> {
    const sort = sortOf(req);
    checkList({ entity: req.entity, columns: req.columns, filters: [req.filter], sort }, new Date());
    return toView(await this.views.create({ entity: req.entity, name: req.name, columns: req.columns, filter: req.filter ?? null, sort }));
  }

  /** Default views may be edited too (they are a starting point); their ids stay. */
  async update(req: UpdateViewRequest): Promise<SavedViewView> {
    const sort = sortOf(req);
    checkList({ entity: req.entity, columns: req.columns, filters: [req.filter], sort }, new Date());
    const view = await this.views.update(req.viewId, { entity: req.entity, name: req.name, columns: req.columns, filter: req.filter ?? null, sort });
    if (!view) throw new ReportingException(ReportingErrorCode.ViewNotFound, `No view ${req.viewId}`);
    return toView(view);
  }

  async delete(viewId: string): Promise<{ deleted: true }> {
    if (!(await this.views.delete(viewId))) throw new ReportingException(ReportingErrorCode.ViewNotFound, `No view ${viewId}`);
    return { deleted: true };
  }

  async rows(req: ViewRowsRequest): Promise<RowsPageView> {
    const view = await this.row(req.viewId);
    return this.page({ entity: view.entity, columns: view.columns, filter: view.filter, sort: req.sort ?? view.sort }, req, req.filter);
  }

  async query(req: AdHocRowsRequest): Promise<RowsPageView> {
    return this.page(req.definition, req, undefined, 'definition.');
  }

  private async page(
    def: ListDefinition,
    page: { limit?: number; cursor?: string },
    extra: Record<string, unknown> | undefined,
    path = '',
  ): Promise<RowsPageView> {
    const list = checkList({ entity: def.entity, columns: def.columns, filters: [def.filter, extra], sort: sortOf(def) }, new Date(), path);
    if (usesApps(def, extra)) await this.apps.refreshIfStale();
    const { rows, nextCursor } = await this.lists.page(list, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { columns: list.columns, rows, nextCursor };
  }

  private async row(viewId: string): Promise<SavedView> {
    const view = await this.views.findById(viewId);
    if (!view) throw new ReportingException(ReportingErrorCode.ViewNotFound, `No view ${viewId}`);
    return view;
  }
}

/** App names come from mapping; fetch them only when a list shows or filters on them. */
export function usesApps(def: Pick<ListDefinition, 'entity' | 'columns' | 'filter'>, extra?: unknown): boolean {
  if (def.entity !== 'saas_users') return false;
  return def.columns.includes('app.name') || JSON.stringify([def.filter ?? null, extra ?? null]).includes('"app.name"');
}
