import type { ColumnDef } from '@tanstack/react-table';
import { useEffect } from 'react';
import { api, type Page } from '../../api/client';
import { LIVE_WORKFLOW_RUN, type WorkflowRun } from '../../api/workflow-types';
import { Badge, Empty, ErrorBanner, when } from '../../ui/controls';
import { DataTable } from '../../ui/data-table';
import { useApi } from '../../ui/use-api';
import { runTone } from './tones';

/** The workflow's runs, newest first; polled every second while one is planning or running. Choosing a row opens it. */
export function WorkflowRuns(props: { workflowId: string; version: number; selected?: string; onSelect: (runId: string) => void }) {
  const runs = useApi(`wf-runs-${props.workflowId}-${props.version}`, () => api.get<Page<WorkflowRun>>(`/api/v1/workflows/${props.workflowId}/runs?limit=20`), {
    pollMs: 1000,
    poll: (page) => page.data.some((r) => LIVE_WORKFLOW_RUN.includes(r.status) || r.status === 'awaiting_approval'),
  });
  const rows = runs.data?.data ?? [];
  const { selected, onSelect } = props;
  // The newest run opens by itself, so the page shows where things stand.
  const newest = rows[0]?.id;
  useEffect(() => {
    if (!selected && newest) onSelect(newest);
  }, [selected, newest, onSelect]);

  const columns: ColumnDef<WorkflowRun, unknown>[] = [
    {
      header: 'Started',
      cell: ({ row }) => (
        <button type="button" className="link" aria-current={row.original.id === selected} onClick={() => onSelect(row.original.id)}>
          {when(row.original.created_at)}
        </button>
      ),
    },
    { header: 'Kind', cell: ({ row }) => (row.original.dry_run ? 'dry run' : row.original.trigger) },
    { header: 'Status', cell: ({ row }) => <Badge tone={runTone(row.original.status)}>{row.original.status}</Badge> },
    { header: 'Records', cell: ({ row }) => row.original.counts.records },
    { header: 'Done', cell: ({ row }) => `${row.original.counts.succeeded} ok, ${row.original.counts.skipped} skipped, ${row.original.counts.failed} failed` },
  ];
  return (
    <div>
      <h2>Runs</h2>
      <ErrorBanner error={runs.error} />
      {rows.length === 0 && !runs.loading ? (
        <Empty title="No runs yet.">A dry run makes a plan and changes nothing; apply it, or launch the workflow and run it now.</Empty>
      ) : (
        <DataTable label="Workflow runs" rows={rows} columns={columns} rowKey={(r) => r.id} />
      )}
    </div>
  );
}
