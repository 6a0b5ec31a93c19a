import { useState } from 'react';
import { api } from '../api/client';
import type { ApiError } from '../api/problem';
import type { Report } from '../api/reporting-types';
import { useCan } from '../session/session-context';
import { ErrorBanner } from '../ui/controls';
import { entityCatalog } from './entity-catalog';
import { ExportButtons } from './export-buttons';

/**
 * "Save as report" (admin): the SaaS users on screen as a saved report of the reporting service,
 * whose export is the only one with XLSX; the saved report's export buttons appear at once and
 * it is listed under Reports.
 */
export function SaveReport(props: { rule: Record<string, unknown> | undefined; columns?: string[] }) {
  const canEdit = useCan('admin');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<Report>();
  const [error, setError] = useState<ApiError>();
  if (!canEdit) return null;

  const save = async () => {
    setError(undefined);
    try {
      const columns = props.columns ?? (await entityCatalog('saas_users'))?.default_columns ?? ['email', 'app.name', 'vendorRole', 'status', 'lastActivityAt'];
      setSaved(await api.post<Report>('/api/v1/reports', { entity: 'saas_users', name: name.trim(), columns, ...(props.rule ? { filter: props.rule } : {}) }));
      setName('');
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <>
      <input aria-label="Report name" placeholder="Save as report…" value={name} onChange={(e) => setName(e.target.value)} />
      <button type="button" className="secondary" onClick={() => void save()} disabled={!name.trim()}>
        Save as report
      </button>
      {saved && (
        <span className="banner ok" role="status" data-testid="report-saved">
          Saved report “{saved.name}” (also under <a href="#/reports">Reports</a>): <ExportButtons reportId={saved.id} reportName={saved.name} />
        </span>
      )}
      <ErrorBanner error={error} />
    </>
  );
}
