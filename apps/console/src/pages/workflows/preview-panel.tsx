import type { ColumnDef } from '@tanstack/react-table';
import { api } from '../../api/client';
import type { SaasUser } from '../../api/types';
import type { WorkflowPreview } from '../../api/workflow-types';
import { Badge, Empty, ErrorBanner, when } from '../../ui/controls';
import { DataTable } from '../../ui/data-table';
import { useApi } from '../../ui/use-api';

const columns: ColumnDef<SaasUser, unknown>[] = [
  { header: 'Email', cell: ({ row }) => row.original.email ?? '—' },
  { header: 'App', accessorKey: 'app_name' },
  { header: 'Role', cell: ({ row }) => row.original.vendor_role ?? '—' },
  { header: 'Status', cell: ({ row }) => <Badge tone={row.original.status === 'active' ? 'ok' : 'bad'}>{row.original.status}</Badge> },
  { header: 'Last activity', cell: ({ row }) => when(row.original.last_activity_at) },
];

/** Who the draft's Begin block selects right now: the count and the first page (nothing is planned or changed). */
export function PreviewPanel(props: { workflowId: string }) {
  const preview = useApi(`preview-${props.workflowId}`, () => api.get<WorkflowPreview>(`/api/v1/workflows/${props.workflowId}/preview?limit=50`));
  const p = preview.data;
  return (
    <div className="card" data-testid="workflow-preview">
      <h2>Preview</h2>
      <ErrorBanner error={preview.error} />
      {!p ? (
        !preview.error && <p className="muted">Loading…</p>
      ) : p.count === 0 ? (
        <Empty title="Begin selects no SaaS user now.">Loosen its rule, or run the integration so the directory has its accounts.</Empty>
      ) : (
        <>
          <p data-testid="preview-count">
            Begin selects <strong>{p.count}</strong> SaaS user{p.count === 1 ? '' : 's'} now{p.data.length < p.count ? ` (first ${p.data.length} shown)` : ''}.
          </p>
          <DataTable label="Preview" rows={p.data} columns={columns} rowKey={(u) => u.id} />
        </>
      )}
    </div>
  );
}
