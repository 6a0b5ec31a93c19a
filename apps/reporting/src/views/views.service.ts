import { MikroORM } from '@mikro-orm/postgresql';
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
import { v7 as uuidv7 } from 'uuid';
import { ENTITY_DEFINITIONS, ENTITIES } from '../catalog/entities';
import { checkList, type SortSpec, isoOf } from '../catalog/list-query';
import { ListRepository } from '../catalog/list.repository';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { SaasAppCatalog } from '../catalog/saas-app.catalog';

const DEFAULT_LIMIT = 50;

interface ViewRow {
  id: string;
  entity: SavedViewView['entity'];
  name: string;
  columns: string[];
  filter: Record<string, unknown> | null;
  sort: SortSpec;
  is_default: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toView = (r: ViewRow): SavedViewView => ({
  id: r.id,
  entity: r.entity,
  name: r.name,
  columns: r.columns,
  filter: r.filter,
  sort: r.sort,
  isDefault: r.is_default,
  createdAt: isoOf(r.created_at),
  updatedAt: isoOf(r.updated_at),
});

/** The sort a definition asks for, else the first column ascending. */
export function sortOf(def: Pick<ListDefinition, 'columns' | 'sort'>): SortSpec {
  return def.sort ?? { field: def.columns[0] ?? 'id', direction: 'asc' };
}

/** Saved list views and their pages. */
@Injectable()
export class ViewsService {
  constructor(
    private readonly orm: MikroORM,
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
    const rows = await this.orm.em.fork().execute<ViewRow[]>('select * from saved_view order by is_default desc, name, id');
    return { data: rows.map(toView) };
  }

  async get(viewId: string): Promise<SavedViewView> {
    return toView(await this.row(viewId));
  }

  async create(req: SaveViewRequest): Promise<SavedViewView> {
    const sort = sortOf(req);
    checkList({ entity: req.entity, columns: req.columns, filters: [req.filter], sort }, new Date());
    const rows = await this.orm.em.fork().execute<ViewRow[]>(
      `insert into saved_view (id, entity, name, columns, filter, sort) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) returning *`,
      [uuidv7(), req.entity, req.name, JSON.stringify(req.columns), req.filter ? JSON.stringify(req.filter) : null, JSON.stringify(sort)],
    );
    return toView(rows[0] as ViewRow);
  }

  /** Default views may be edited too (they are a starting point); their ids stay. */
  async update(req: UpdateViewRequest): Promise<SavedViewView> {
    const sort = sortOf(req);
    checkList({ entity: req.entity, columns: req.columns, filters: [req.filter], sort }, new Date());
    const rows = await this.orm.em.fork().execute<ViewRow[]>(
      `update saved_view set entity = ?, name = ?, columns = ?::jsonb, filter = ?::jsonb, sort = ?::jsonb, updated_at = now()
       where id = ? returning *`,
      [req.entity, req.name, JSON.stringify(req.columns), req.filter ? JSON.stringify(req.filter) : null, JSON.stringify(sort), req.viewId],
    );
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ViewNotFound, `No view ${req.viewId}`);
    return toView(rows[0]);
  }

  async delete(viewId: string): Promise<{ deleted: true }> {
    const rows = await this.orm.em.fork().execute<{ id: string }[]>('delete from saved_view where id = ? returning id', [viewId]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ViewNotFound, `No view ${viewId}`);
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

  private async row(viewId: string): Promise<ViewRow> {
    const rows = await this.orm.em.fork().execute<ViewRow[]>('select * from saved_view where id = ?', [viewId]);
    if (!rows[0]) throw new ReportingException(ReportingErrorCode.ViewNotFound, `No view ${viewId}`);
    return rows[0];
  }
}

/** App names come from mapping; fetch them only when a list shows or filters on them. */
export function usesApps(def: Pick<ListDefinition, 'entity' | 'columns' | 'filter'>, extra?: unknown): boolean {
  if (def.entity !== 'saas_users') return false;
  return def.columns.includes('app.name') || JSON.stringify([def.filter ?? null, extra ?? null]).includes('"app.name"');
}
