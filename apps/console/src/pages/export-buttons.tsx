import { useState } from 'react';
import { fetchFile } from '../api/client';
import type { ApiError } from '../api/problem';
import { ErrorBanner } from '../ui/controls';
import { download } from './csv';

/** A saved report's export, streamed by the gateway (every row, not a page): CSV or XLSX. */
export function ExportButtons(props: { reportId: string; reportName: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx'>();
  const [error, setError] = useState<ApiError>();
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(undefined);
    try {
      const file = await fetchFile(`/api/v1/reports/${props.reportId}/export?format=${format}`);
      download(file.name, file.blob);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <span className="export-buttons">
      {(['xlsx', 'csv'] as const).map((f) => (
        <button key={f} type="button" className="secondary" disabled={busy !== undefined} onClick={() => void run(f)} aria-label={`Export ${props.reportName} as ${f.toUpperCase()}`}>
          {busy === f ? 'Exporting…' : `Export ${f.toUpperCase()}`}
        </button>
      ))}
      <ErrorBanner error={error} />
    </span>
  );
}
