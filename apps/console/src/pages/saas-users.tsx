import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { listAll, query } from '../api/client';
import type { ApiError } from '../api/problem';
import type { SavedView } from '../api/reporting-types';
import type { SaasApp, SaasUser } from '../api/types';
import { Badge, Empty, ErrorBanner, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { useApi } from '../ui/use-api';
import { usePages } from '../ui/use-pages';
import { download, toCsv } from './csv';
import { bothRules, toReportingRule } from './reporting-rule';
import { RuleBuilder, toRule, type RuleDraft } from './rule-builder';
import { SaveReport } from './save-report';
import { SavedViews, SaveView } from './saved-views';
import { ViewRows } from './view-rows';

const columns: ColumnDef<SaasUser, unknown>[] = [
  { header: 'Email', cell: ({ row }) => row.original.email ?? '—' },
  { header: 'App', accessorKey: 'app_name' },
  { header: 'Role', cell: ({ row }) => row.original.vendor_role ?? '—' },
  { header: 'Licence', cell: ({ row }) => row.original.license ?? '—' },
  { header: 'Status', cell: ({ row }) => <Badge tone={row.original.status === 'active' ? 'ok' : 'bad'}>{row.original.status}</Badge> },
  { header: 'Last activity', cell: ({ row }) => when(row.original.last_activity_at) },
  { header: 'Person', cell: ({ row }) => row.original.person?.full_name ?? row.original.person?.email ?? '—' },
];

/**
 * SaaS users of every app (or one), filtered by a rule, from the live directory with a CSV export
 * of every matching row; or a saved view of the reporting service (its rows, narrowed by the
 * rule). An admin saves what is on screen as a view, or as a report (which exports XLSX).
 */
export function SaasUsersPage() {
  const apps = useApi('saas-apps', () => listAll<SaasApp>('/api/v1/saas-apps', 1000));
  const [appId, setAppId] = useState('');
  const [draft, setDraft] = useState<RuleDraft>({ join: 'all', conditions: [] });
  const [applied, setApplied] = useState<Record<string, unknown>>();
  const [view, setView] = useState<SavedView | null>(null);
  const [viewsVersion, setViewsVersion] = useState(0);
  const [exportError, setExportError] = useState<ApiError>();
  const [exporting, setExporting] = useState(false);
  const params = { saas_app_id: appId, filter: applied ? JSON.stringify(applied) : undefined };
  const list = usePages<SaasUser>(view ? null : `/api/v1/saas-users${query({ limit: 100, ...params })}`);
  // The rule on screen in the reporting service's words: the view's own rule (or the app chosen) and the builder's.
  const narrowing = applied ? toReportingRule(applied) : undefined;
  const onScreen = view ? bothRules(view.filter, narrowing) : bothRules(appId ? { field: 'saasAppId', op: 'eq', value: appId } : undefined, narrowing);

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

  // A view is a starting point: its own rule selects, the builder starts empty to narrow it.
  const choose = (v: SavedView | null) => {
    setView(v);
    setDraft({ join: 'all', conditions: [] });
    setApplied(undefined);
  };

  const appList = apps.data ?? [];
  return (
    <section>
      <header className="page-head">
        <h1>SaaS apps → Users</h1>
        {!view && (
          <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        )}
      </header>
      <SavedViews selected={view} onSelect={choose} version={viewsVersion} />
      {!view && (
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
      )}
      <RuleBuilder draft={draft} onChange={setDraft} error={list.error} />
      <div className="actions">
        <button type="button" onClick={() => setApplied(toRule(draft))}>
          {view ? 'Narrow the view' : 'Apply filter'}
        </button>
        <SaveView
          rule={onScreen}
          onSaved={(v) => {
            setViewsVersion((n) => n + 1);
            choose(v);
          }}
        />
        <SaveReport rule={onScreen} columns={view?.columns} />
      </div>
      {view ? (
        <ViewRows view={view} filter={narrowing} />
      ) : (
        <DirectoryList list={list} applied={Boolean(applied)} exportError={exportError} />
      )}
    </section>
  );
}

function DirectoryList(props: { list: ReturnType<typeof usePages<SaasUser>>; applied: boolean; exportError?: ApiError }) {
  const { list, applied } = props;
  return (
    <>
      <ErrorBanner error={list.error} claimed={['filter']} />
      <ErrorBanner error={props.exportError} />
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
    </>
  );
}
