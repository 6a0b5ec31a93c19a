import type { ColumnDef } from '@tanstack/react-table';
import type { SavedView } from '../api/reporting-types';
import { query } from '../api/client';
import { Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { useApi } from '../ui/use-api';
import { usePages } from '../ui/use-pages';
import { entityCatalog } from './entity-catalog';

type Row = Record<string, unknown>;
const KEY = '__row';
const ISO = /^\d{4}-\d{2}-\d{2}T/;
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' && ISO.test(v) ? when(v) : String(v));

/**
 * A saved view's rows from the reporting service (`views/:id/rows`, its columns, its sort; the
 * builder's rule narrows it as `filter`). Reporting follows the directory through the event
 * stream, so these rows may be a moment behind the live directory list.
 */
export function ViewRows(props: { view: SavedView; filter: Record<string, unknown> | undefined }) {
  const { view } = props;
  const catalog = useApi('catalog-saas_users', () => entityCatalog('saas_users'));
  const list = usePages<Row>(`/api/v1/views/${view.id}/rows${query({ limit: 200, filter: props.filter ? JSON.stringify(props.filter) : undefined })}`);
  const label = (field: string) => catalog.data?.fields.find((f) => f.field === field)?.label ?? field;
  // Rows carry only the view's columns (maybe no id): their position keys them.
  const rows = list.rows.map((r, i) => ({ ...r, [KEY]: i }));
  const columns: ColumnDef<Row, unknown>[] = view.columns.map((field) => ({ id: field, header: label(field), accessorFn: (r) => r[field], cell: ({ row }) => show(row.original[field]) }));
  return (
    <>
      <ErrorBanner error={list.error} />
      <p className="muted" data-testid="view-row-count">
        {list.loading ? 'Loading…' : `${list.rows.length}${list.more ? '+' : ''} rows in “${view.name}”`}
      </p>
      {list.rows.length === 0 && !list.loading ? (
        <Empty title="No account in this view.">{props.filter ? 'Loosen the narrowing rule.' : 'Its rule selects nobody right now.'}</Empty>
      ) : (
        <DataTable label="View rows" rows={rows} columns={columns} rowKey={(r) => String(r[KEY])} more={list.more} />
      )}
    </>
  );
}
