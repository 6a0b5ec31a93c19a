import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { defineRequest } from '../../define-request';
import { EmptyRequest } from '../mapping/mapping-definition.dto';

/** The lists reporting answers: SaaS users (with person and app), people, sync runs, workflow actions. */
export const REPORTING_ENTITIES = ['saas_users', 'people', 'sync_runs', 'workflow_actions'] as const;
export type ReportingEntity = (typeof REPORTING_ENTITIES)[number];

export class SortSpec {
  @IsString()
  @MaxLength(100)
  field!: string;

  @IsIn(['asc', 'desc'])
  direction!: 'asc' | 'desc';
}

/** What a list shows: the columns, a rule (libs/rules) and one sort. */
export class ListDefinition {
  @IsIn(REPORTING_ENTITIES)
  entity!: ReportingEntity;

  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  columns!: string[];

  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown> | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => SortSpec)
  sort?: SortSpec | null;
}

export class SaveViewRequest extends ListDefinition {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class UpdateViewRequest extends SaveViewRequest {
  @IsUUID()
  viewId!: string;
}

export class ViewRef {
  @IsUUID()
  viewId!: string;
}

export class RowsPage {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/)
  @MaxLength(1024)
  cursor?: string;
}

/** One page of a saved view, optionally narrowed by another rule (ANDed with the view's). */
export class ViewRowsRequest extends RowsPage {
  @IsUUID()
  viewId!: string;

  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @IsOptional()
  @ValidateNested()
  @Type(() => SortSpec)
  sort?: SortSpec;
}

/** One page of a list that is not saved (e.g. a view being edited). */
export class AdHocRowsRequest extends RowsPage {
  @ValidateNested()
  @Type(() => ListDefinition)
  definition!: ListDefinition;
}

export interface SavedViewView {
  id: string;
  entity: ReportingEntity;
  name: string;
  columns: string[];
  filter: Record<string, unknown> | null;
  sort: { field: string; direction: 'asc' | 'desc' };
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Rows as objects keyed by the column's field name; dates as ISO strings, money as decimal strings. */
export interface RowsPageView {
  columns: string[];
  rows: Record<string, unknown>[];
  nextCursor: string | null;
}

export interface EntityFieldView {
  field: string;
  type: 'string' | 'number' | 'boolean' | 'date';
  label: string;
}

export interface EntityCatalogView {
  entity: ReportingEntity;
  fields: EntityFieldView[];
  defaultColumns: string[];
}

export const ReportingEntitiesList = defineRequest<{ data: EntityCatalogView[] }>('reporting.entities.list', EmptyRequest, 'reporting');
export const ReportingViewsList = defineRequest<{ data: SavedViewView[] }>('reporting.views.list', EmptyRequest, 'reporting');
export const ReportingViewsGet = defineRequest<SavedViewView>('reporting.views.get', ViewRef, 'reporting');
export const ReportingViewsCreate = defineRequest<SavedViewView>('reporting.views.create', SaveViewRequest, 'reporting');
export const ReportingViewsUpdate = defineRequest<SavedViewView>('reporting.views.update', UpdateViewRequest, 'reporting');
export const ReportingViewsDelete = defineRequest<{ deleted: true }>('reporting.views.delete', ViewRef, 'reporting');
export const ReportingViewsRows = defineRequest<RowsPageView>('reporting.views.rows', ViewRowsRequest, 'reporting');
export const ReportingRowsQuery = defineRequest<RowsPageView>('reporting.rows.query', AdHocRowsRequest, 'reporting');
