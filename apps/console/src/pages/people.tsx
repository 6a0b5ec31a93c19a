import type { ColumnDef } from '@tanstack/react-table';
import type { Person } from '../api/types';
import { Badge, Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { usePages } from '../ui/use-pages';

const columns: ColumnDef<Person, unknown>[] = [
  { header: 'Name', cell: ({ row }) => row.original.full_name ?? '—' },
  { header: 'Email', accessorKey: 'email' },
  { header: 'Department', cell: ({ row }) => row.original.department ?? '—' },
  { header: 'Job title', cell: ({ row }) => row.original.job_title ?? '—' },
  { header: 'Directory role', cell: ({ row }) => row.original.directory_role ?? '—' },
  {
    header: 'Employment',
    cell: ({ row }) => (
      <Badge tone={row.original.employment_status === 'active' ? 'ok' : row.original.employment_status === 'terminated' ? 'bad' : 'warn'}>{row.original.employment_status}</Badge>
    ),
  },
  { header: 'Updated', cell: ({ row }) => when(row.original.updated_at) },
];

export function PeoplePage() {
  const list = usePages<Person>('/api/v1/people?limit=100');
  return (
    <section>
      <header className="page-head">
        <h1>People</h1>
      </header>
      <ErrorBanner error={list.error} />
      {list.rows.length === 0 && !list.loading ? (
        <Empty title="No people yet.">People arrive with an integration&apos;s first run (Integrations → Run now) or an HR import (POST /api/v1/people/import).</Empty>
      ) : (
        <DataTable label="People" rows={list.rows} columns={columns} rowKey={(p) => p.id} more={list.more} />
      )}
    </section>
  );
}
