import type { ColumnDef } from '@tanstack/react-table';
import { api, type Page } from '../../api/client';
import type { WorkflowRun, WorkflowStep } from '../../api/workflow-types';
import { Badge, Empty, ErrorBanner } from '../../ui/controls';
import { DataTable } from '../../ui/data-table';
import { useApi } from '../../ui/use-api';
import { stepTone } from './tones';

const LIMIT = 200;

const columns: ColumnDef<WorkflowStep, unknown>[] = [
  { header: 'Record', cell: ({ row }) => row.original.email ?? row.original.external_id ?? '—' },
  { header: 'Block', accessorKey: 'block_id' },
  { header: 'Action', accessorKey: 'action' },
  { header: 'Status', cell: ({ row }) => <Badge tone={stepTone(row.original.status)}>{row.original.status}</Badge> },
  { header: 'Why', cell: ({ row }) => row.original.reason ?? '' },
];

/** Per block, how many records get which action: the plan at a glance. */
function perBlock(steps: WorkflowStep[]): string[] {
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(`${s.block_id}: ${s.action}`, (counts.get(`${s.block_id}: ${s.action}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} × ${n}`);
}

/**
 * A planned dry run's plan (`/plan`), any other run's steps (`/steps`): one row per block and
 * record. Read again whenever the run's status or counts change, so steps move without a reload.
 */
export function RunSteps(props: { run: WorkflowRun }) {
  const { run } = props;
  const isPlan = run.dry_run && run.status === 'planned';
  const c = run.counts;
  const key = `${run.id}-${run.status}-${c.planned}-${c.succeeded}-${c.skipped}-${c.failed}`;
  const steps = useApi(run.status === 'planning' ? null : key, () => api.get<Page<WorkflowStep>>(`/api/v1/workflows/runs/${run.id}/${isPlan ? 'plan' : 'steps'}?limit=${LIMIT}`));
  const rows = steps.data?.data ?? [];
  const title = isPlan ? 'Plan' : 'Steps';
  return (
    <div data-testid={isPlan ? 'run-plan' : 'run-steps'}>
      <h3>{title}</h3>
      <ErrorBanner error={steps.error} />
      {run.status === 'planning' ? (
        <p className="muted">Planning…</p>
      ) : rows.length === 0 && !steps.loading ? (
        <Empty title="No step.">Begin selected no record, so there is nothing to do.</Empty>
      ) : (
        <>
          <p className="muted" data-testid="plan-summary">
            {perBlock(rows).join(' · ')}
            {steps.data?.next_cursor ? ` (first ${LIMIT} steps)` : ''}
          </p>
          <DataTable label={title} rows={rows} columns={columns} rowKey={(s) => s.id} />
        </>
      )}
    </div>
  );
}
