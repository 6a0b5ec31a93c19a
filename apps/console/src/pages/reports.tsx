import type { ColumnDef } from '@tanstack/react-table';
import { api } from '../api/client';
import type { Report } from '../api/reporting-types';
import { useCan } from '../session/session-context';
import { Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { useApi } from '../ui/use-api';
import { ExportButtons } from './export-buttons';

const columns: ColumnDef<Report, unknown>[] = [
  { header: 'Name', accessorKey: 'name' },
  { header: 'Lists', cell: ({ row }) => row.original.entity.replace('_', ' ') },
  { header: 'Columns', cell: ({ row }) => row.original.columns.join(', ') },
  { header: 'Filter', cell: ({ row }) => (row.original.filter ? <code className="rule">{JSON.stringify(row.original.filter)}</code> : 'every row') },
  { header: 'Grouped by', cell: ({ row }) => row.original.group_by ?? '—' },
  { header: 'Changed', cell: ({ row }) => when(row.original.updated_at) },
  { header: 'Export', cell: ({ row }) => <ExportButtons reportId={row.original.id} reportName={row.original.name} /> },
];

/** The reporting service's saved reports, each exported whole as XLSX or CSV (streamed by the gateway). */
export function ReportsPage() {
  const canEdit = useCan('admin');
  const reports = useApi('reports', () => api.get<{ data: Report[] }>('/api/v1/reports'));
  const rows = reports.data?.data ?? [];
  return (
    <section>
      <h1>Reports</h1>
      <ErrorBanner error={reports.error} />
      {rows.length === 0 && !reports.loading && !reports.error ? (
        <Empty title="No saved report yet.">
          {canEdit ? 'Filter SaaS apps → Users and “Save as report”; its XLSX export is then here.' : 'An admin saves reports; you can export them here.'}
        </Empty>
      ) : (
        <DataTable label="Reports" rows={rows} columns={columns} rowKey={(r) => r.id} />
      )}
    </section>
  );
}
