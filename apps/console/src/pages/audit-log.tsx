import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { query } from '../api/client';
import type { AuditEntry } from '../api/types';
import { Badge, Empty, ErrorBanner, Field, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { usePages } from '../ui/use-pages';

const columns: ColumnDef<AuditEntry, unknown>[] = [
  { header: 'When', cell: ({ row }) => when(row.original.occurred_at) },
  { header: 'Actor', cell: ({ row }) => row.original.actor_name ?? '—' },
  { header: 'Action', accessorKey: 'action' },
  { header: 'Target', cell: ({ row }) => row.original.target ?? '—' },
  { header: 'Status', cell: ({ row }) => <Badge tone={row.original.status < 400 ? 'ok' : 'bad'}>{row.original.status}</Badge> },
  { header: 'Request', accessorKey: 'request_id' },
];

/** Every change made through the API (who, what, on which target, with what outcome). */
export function AuditLogPage() {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [applied, setApplied] = useState({ actor: '', action: '' });
  const list = usePages<AuditEntry>(`/api/v1/audit-log${query({ limit: 50, actor: applied.actor, action: applied.action })}`);
  return (
    <section>
      <header className="page-head">
        <h1>Audit log</h1>
      </header>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ actor, action });
        }}
      >
        <Field label="Actor (token name or id)" name="actor" error={list.error}>
          <input name="actor" value={actor} onChange={(e) => setActor(e.target.value)} />
        </Field>
        <Field label="Action (e.g. POST or POST /api/v1/integrations)" name="action" error={list.error}>
          <input name="action" value={action} onChange={(e) => setAction(e.target.value)} />
        </Field>
        <button type="submit">Filter</button>
      </form>
      <ErrorBanner error={list.error} claimed={['actor', 'action']} />
      {list.rows.length === 0 && !list.loading ? (
        <Empty title="Nothing recorded for this filter.">Every POST, PUT, PATCH and DELETE through the API is recorded here.</Empty>
      ) : (
        <DataTable label="Audit log" rows={list.rows} columns={columns} rowKey={(a) => a.id} more={list.more} />
      )}
    </section>
  );
}
