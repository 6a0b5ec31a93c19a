// The reporting service's shapes the console reads (apps/gateway/openapi.json: ViewDto, ReportDto, RowsPageDto, EntityCatalogDto).

export type ReportingEntity = 'saas_users' | 'people' | 'sync_runs' | 'workflow_actions';

interface ListDefinition {
  id: string;
  entity: ReportingEntity;
  name: string;
  columns: string[];
  filter: Record<string, unknown> | null;
  sort: { field: string; direction: 'asc' | 'desc' };
  created_at: string;
  updated_at: string;
}

export interface SavedView extends ListDefinition {
  is_default: boolean;
}

export interface Report extends ListDefinition {
  group_by: string | null;
}

export interface RowsPage {
  columns: string[];
  data: Record<string, unknown>[];
  next_cursor: string | null;
}

export interface EntityCatalog {
  entity: ReportingEntity;
  fields: { field: string; type: string; label: string }[];
  default_columns: string[];
}
