import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { api } from '../api/client';
import type { ApiError } from '../api/problem';
import type { QuarantinedRecord } from '../api/types';
import { useCan } from '../session/session-context';
import { Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { usePages } from '../ui/use-pages';

const columns: ColumnDef<QuarantinedRecord, unknown>[] = [
  { header: 'When', cell: ({ row }) => when(row.original.created_at) },
  { header: 'Reason', accessorKey: 'reason' },
  { header: 'Attempts', accessorKey: 'attempts' },
  {
    header: 'Record',
    cell: ({ row }) => (
      <details>
        <summary>{String(row.original.record['email'] ?? row.original.record['id'] ?? `#${row.original.seq}`)}</summary>
        <pre>{JSON.stringify(row.original.record, null, 2)}</pre>
      </details>
    ),
  },
];

/** Records mapping could not apply, each with its reason and the raw vendor record; retry after fixing the mapping. */
export function Quarantine(props: { integrationId: string }) {
  const canRetry = useCan('operator');
  const list = usePages<QuarantinedRecord>(`/api/v1/mappings/${props.integrationId}/quarantine?status=open&limit=50`);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<string>();
  const notFound = list.error?.status === 404;

  const retry = async () => {
    setError(undefined);
    try {
      const r = await api.post<{ retried: number; applied: number; still_quarantined: number }>(`/api/v1/mappings/${props.integrationId}/quarantine/retry`, {});
      setResult(`Retried ${r.retried}: ${r.applied} applied, ${r.still_quarantined} still quarantined.`);
      list.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <div>
      <header className="page-head">
        <h2>Quarantine</h2>
        {canRetry && list.rows.length > 0 && (
          <button type="button" className="secondary" onClick={() => void retry()}>
            Retry all
          </button>
        )}
      </header>
      {!notFound && <ErrorBanner error={list.error} />}
      <ErrorBanner error={error} />
      {result && <div className="banner ok">{result}</div>}
      {list.rows.length === 0 && !list.loading ? (
        <Empty title="No quarantined record.">A vendor record that cannot be applied (say, no email for a sync key) waits here with its reason until it is retried.</Empty>
      ) : (
        <DataTable label="Quarantine" rows={list.rows} columns={columns} rowKey={(r) => r.id} more={list.more} />
      )}
    </div>
  );
}
