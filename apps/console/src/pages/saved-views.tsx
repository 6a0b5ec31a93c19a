import { useState } from 'react';
import { api } from '../api/client';
import type { ApiError } from '../api/problem';
import type { SavedView } from '../api/reporting-types';
import { useCan } from '../session/session-context';
import { ErrorBanner } from '../ui/controls';
import { useApi } from '../ui/use-api';
import { entityCatalog } from './entity-catalog';

/** The reporting service's saved SaaS-user views (`/api/v1/views`, shared by everyone, the install's defaults first) as chips. */
export function SavedViews(props: { selected: SavedView | null; onSelect: (v: SavedView | null) => void; version: number }) {
  const views = useApi(`views-${props.version}`, () => api.get<{ data: SavedView[] }>('/api/v1/views'));
  const list = (views.data?.data ?? []).filter((v) => v.entity === 'saas_users');
  return (
    <div aria-label="Saved views">
      <div className="apps">
        <span className="muted">Views:</span>
        <button type="button" className={props.selected ? 'chip' : 'chip active'} onClick={() => props.onSelect(null)}>
          Directory (live)
        </button>
        {list.map((v) => (
          <button type="button" key={v.id} className={props.selected?.id === v.id ? 'chip active' : 'chip'} onClick={() => props.onSelect(v)} title={v.filter ? JSON.stringify(v.filter) : 'every account'}>
            {v.name}
          </button>
        ))}
      </div>
      <ErrorBanner error={views.error} />
    </div>
  );
}

/** "Save view" (admin): the rule on screen as a new saved view, with the entity's default columns. */
export function SaveView(props: { rule: Record<string, unknown> | undefined; onSaved: (v: SavedView) => void }) {
  const canEdit = useCan('admin');
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError>();
  if (!canEdit) return null;
  const save = async () => {
    setError(undefined);
    try {
      const columns = (await entityCatalog('saas_users'))?.default_columns ?? ['email', 'app.name', 'vendorRole', 'status', 'lastActivityAt'];
      const saved = await api.post<SavedView>('/api/v1/views', { entity: 'saas_users', name: name.trim(), columns, ...(props.rule ? { filter: props.rule } : {}) });
      setName('');
      props.onSaved(saved);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <>
      <input aria-label="View name" placeholder="Save as view…" value={name} onChange={(e) => setName(e.target.value)} />
      <button type="button" className="secondary" onClick={() => void save()} disabled={!name.trim()}>
        Save view
      </button>
      <ErrorBanner error={error} />
    </>
  );
}
