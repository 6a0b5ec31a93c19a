import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useRef } from 'react';
import { api, type Page } from '../api/client';
import { ACTIVE_RUN, type Run } from '../api/types';
import { Badge, Empty, ErrorBanner, ProgressBar, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { useApi } from '../ui/use-api';

const tone = (s: Run['status']) => (s === 'completed' ? 'ok' : s === 'failed' || s === 'cancelled' ? 'bad' : s === 'incomplete' ? 'warn' : 'info');

const columns: ColumnDef<Run, unknown>[] = [
  { header: 'Queued', cell: ({ row }) => when(row.original.queued_at) },
  { header: 'Trigger', accessorKey: 'trigger' },
  { header: 'Status', cell: ({ row }) => <Badge tone={tone(row.original.status)}>{row.original.status}</Badge> },
  { header: 'Fetched', cell: ({ row }) => `${row.original.counts.fetched}${row.original.counts.vendor_total !== null ? ` / ${row.original.counts.vendor_total}` : ''}` },
  { header: 'Applied', cell: ({ row }) => row.original.counts.applied ?? '—' },
  { header: 'Quarantined', cell: ({ row }) => row.original.counts.quarantined ?? '—' },
  { header: 'Duration', cell: ({ row }) => (row.original.duration_ms !== null ? `${(row.original.duration_ms / 1000).toFixed(1)} s` : '—') },
  { header: 'Why', cell: ({ row }) => row.original.reason ?? row.original.errors.at(-1)?.message ?? '' },
];

/** Run history; while a run is queued or in progress the list is polled every second and the bar moves. */
export function RunHistory(props: { integrationId: string; version: number; onFinished: () => void }) {
  const runs = useApi(`runs-${props.integrationId}-${props.version}`, () => api.get<Page<Run>>(`/api/v1/integrations/${props.integrationId}/runs?limit=20`), {
    pollMs: 1000,
    poll: (page) => page.data.some((r) => ACTIVE_RUN.includes(r.status)),
  });
  const rows = runs.data?.data ?? [];
  const latest = rows[0];
  const active = latest && ACTIVE_RUN.includes(latest.status);
  const wasActive = useRef(false);
  const { onFinished } = props;
  useEffect(() => {
    if (wasActive.current && !active) onFinished();
    wasActive.current = Boolean(active);
  }, [active, onFinished]);

  return (
    <div>
      <h2>Runs</h2>
      <ErrorBanner error={runs.error} />
      {latest && (
        <div className="run-now" data-testid="latest-run" data-status={latest.status}>
          <ProgressBar value={latest.status === 'completed' ? 100 : latest.progress * 100} label="Latest run progress" />
          <span>
            <Badge tone={tone(latest.status)}>{latest.status}</Badge> fetched {latest.counts.fetched}
            {latest.counts.vendor_total !== null && ` of ${latest.counts.vendor_total}`}
            {latest.counts.applied !== null && `, applied ${latest.counts.applied}`}
          </span>
        </div>
      )}
      {rows.length === 0 && !runs.loading ? (
        <Empty title="No runs yet.">Launch the integration (its mapping must be complete), then “Run now” or wait for the schedule.</Empty>
      ) : (
        <DataTable label="Runs" rows={rows} columns={columns} rowKey={(r) => r.id} />
      )}
    </div>
  );
}
