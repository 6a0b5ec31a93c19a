import type { ColumnDef } from '@tanstack/react-table';
import { lazy, Suspense } from 'react';
import type { Workflow } from '../api/workflow-types';
import { useCan } from '../session/session-context';
import { Badge, Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { usePages } from '../ui/use-pages';
import { workflowTone } from './workflows/tones';

// The detail page (graph, runs, plan, approvals) is its own chunk: the list and every other page never load it.
const WorkflowDetail = lazy(() => import('./workflows/workflow-detail').then((m) => ({ default: m.WorkflowDetail })));

const columns: ColumnDef<Workflow, unknown>[] = [
  { header: 'Name', accessorKey: 'name', cell: ({ row }) => <a href={`#/workflows/${row.original.id}`}>{row.original.name}</a> },
  { header: 'Status', accessorKey: 'status', cell: ({ row }) => <Badge tone={workflowTone(row.original.status)}>{row.original.status}</Badge> },
  { header: 'Trigger', cell: ({ row }) => row.original.trigger ?? '—' },
  { header: 'Blocks', cell: ({ row }) => row.original.graph.blocks.length },
  { header: 'Version', cell: ({ row }) => `draft v${row.original.draft_version}${row.original.active_version ? `, active v${row.original.active_version}` : ''}` },
  { header: 'Blast radius', cell: ({ row }) => `≤ ${row.original.limits.max_count} records / ${row.original.limits.max_percent}%` },
  { header: 'Next run', cell: ({ row }) => when(row.original.next_run_at) },
];

/** `#/workflows` lists them; `#/workflows/<id>` opens one (lazily loaded). */
export function WorkflowsRoute(props: { id?: string }) {
  if (!props.id) return <WorkflowsList />;
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <WorkflowDetail id={props.id} />
    </Suspense>
  );
}

function WorkflowsList() {
  const canEdit = useCan('admin');
  const list = usePages<Workflow>('/api/v1/workflows?limit=50');
  return (
    <section>
      <h1>Workflows</h1>
      <ErrorBanner error={list.error} />
      {list.rows.length === 0 && !list.loading && !list.error ? (
        <Empty title="No workflows yet.">
          {canEdit
            ? 'Create one with POST /api/v1/workflows (a graph from Begin to End); it shows here to validate, preview, dry-run and launch.'
            : 'An admin creates workflows; their runs and approvals show here.'}
        </Empty>
      ) : (
        <DataTable label="Workflows" rows={list.rows} columns={columns} rowKey={(w) => w.id} more={list.more} />
      )}
    </section>
  );
}
