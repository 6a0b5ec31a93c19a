import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { listAll, query } from '../api/client';
import type { ApiError } from '../api/problem';
import type { SaasApp, SaasUser } from '../api/types';
import { Badge, Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { useApi } from '../ui/use-api';
import { usePages } from '../ui/use-pages';
import { download, toCsv } from './csv';
import { RuleBuilder, toRule, type RuleDraft } from './rule-builder';

const columns: ColumnDef<SaasUser, unknown>[] = [
  { header: 'Email', cell: ({ row }) => row.original.email ?? '—' },
  { header: 'App', accessorKey: 'app_name' },
  { header: 'Role', cell: ({ row }) => row.original.vendor_role ?? '—' },
  { header: 'Licence', cell: ({ row }) => row.original.license ?? '—' },
  { header: 'Status', cell: ({ row }) => <Badge tone={row.original.status === 'active' ? 'ok' : 'bad'}>{row.original.status}</Badge> },
  { header: 'Last activity', cell: ({ row }) => when(row.original.last_activity_at) },
  { header: 'Person', cell: ({ row }) => row.original.person?.full_name ?? row.original.person?.email ?? '—' },
];

const VIEWS_KEY = 'seatkeeper.saas-user-views';
type Views = Record<string, RuleDraft>;
const loadViews = (): Views => {
  try {
    return JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '{}') as Views;
  } catch {
    return {};
  }
};

/** SaaS users of every app (or one), filtered by a rule; saved views (this browser); CSV export of every matching row. */
export function SaasUsersPage() {
  const apps = useApi('saas-apps', () => listAll<SaasApp>('/api/v1/saas-apps', 1000));
  const [appId, setAppId] = useState('');
  const [draft, setDraft] = useState<RuleDraft>({ join: 'all', conditions: [] });
  const [applied, setApplied] = useState<Record<string, unknown>>();
  const [views, setViews] = useState<Views>(loadViews);
  const [viewName, setViewName] = useState('');
  const [exportError, setExportError] = useState<ApiError>();
  const [exporting, setExporting] = useState(false);
  const params = { saas_app_id: appId, filter: applied ? JSON.stringify(applied) : undefined };
  const list = usePages<SaasUser>(`/api/v1/saas-users${query({ limit: 100, ...params })}`);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const rows = await listAll<SaasUser>(`/api/v1/saas-users${query(params)}`);
      const csv = toCsv(
        ['email', 'app', 'role', 'licence', 'status', 'last_activity_at', 'external_id', 'person_email'],
        rows.map((u) => [u.email, u.app_name, u.vendor_role, u.license, u.status, u.last_activity_at, u.external_id, u.person?.email]),
      );
      download('saas-users.csv', csv);
    } catch (e) {
      setExportError(e as ApiError);
    } finally {
      setExporting(false);
    }
  };

  const saveView = () => {
    if (!viewName.trim()) return;
    const next = { ...views, [viewName.trim()]: draft };
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
    setViewName('');
  };

  const appList = apps.data ?? [];
  return (
    <section>
      <header className="page-head">
        <h1>SaaS apps → Users</h1>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </header>
      <div className="apps" aria-label="SaaS apps">
        <button type="button" className={appId === '' ? 'chip active' : 'chip'} onClick={() => setAppId('')}>
          All apps
        </button>
        {appList.map((a) => (
          <button type="button" key={a.id} className={appId === a.id ? 'chip active' : 'chip'} onClick={() => setAppId(a.id)}>
            {a.name} <span className="muted">{a.saas_users} users</span>
          </button>
        ))}
      </div>
      <RuleBuilder draft={draft} onChange={setDraft} error={list.error} />
      <div className="actions">
        <button type="button" onClick={() => setApplied(toRule(draft))}>
          Apply filter
        </button>
        <input aria-label="View name" placeholder="Save as view…" value={viewName} onChange={(e) => setViewName(e.target.value)} />
        <button type="button" className="secondary" onClick={saveView} disabled={!viewName.trim()}>
          Save view
        </button>
        {Object.keys(views).map((name) => (
          <button
            type="button"
            key={name}
            className="chip"
            onClick={() => {
              const v = views[name];
              if (!v) return;
              setDraft(v);
              setApplied(toRule(v));
            }}
          >
            {name}
          </button>
        ))}
      </div>
      <ErrorBanner error={list.error} claimed={['filter']} />
      <ErrorBanner error={exportError} />
      <p className="muted" data-testid="row-count">
        {list.loading ? 'Loading…' : `${list.rows.length}${list.more ? '+' : ''} users shown`}
      </p>
      {list.rows.length === 0 && !list.loading ? (
        <Empty title={applied ? 'No SaaS user matches this filter.' : 'No SaaS users yet.'}>
          {applied ? 'Loosen a condition or remove one.' : 'They arrive with an integration’s first run (Integrations → Run now).'}
        </Empty>
      ) : (
        <DataTable label="SaaS users" rows={list.rows} columns={columns} rowKey={(u) => u.id} more={list.more} />
      )}
    </section>
  );
}
