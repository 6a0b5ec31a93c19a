import { useState } from 'react';
import { api, listAll } from '../api/client';
import { ApiError } from '../api/problem';
import { TRANSFORMS, type CustomField, type FieldMapping, type Integration, type MappingDefinition, type Suggestion, type TargetField, type Transform } from '../api/types';
import { useCan } from '../session/session-context';
import { Badge, Empty, ErrorBanner, Field } from '../ui/controls';
import { useApi } from '../ui/use-api';

async function loadDefinition(id: string): Promise<MappingDefinition | null> {
  try {
    return await api.get<MappingDefinition>(`/api/v1/mappings/${id}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/**
 * The mapping of one integration: rows source → target with a transform, Smart Mapping
 * suggestions, custom (unique) fields, ranked sync keys, and the required-mapping check the
 * gateway runs before Launch.
 */
export function MappingEditor(props: { integration: Integration }) {
  const id = props.integration.id;
  const canEdit = useCan('admin');
  const [version, setVersion] = useState(0);
  const definition = useApi(`mapping-${id}-${version}`, () => loadDefinition(id));
  const targets = useApi(`targets-${version}`, () => listAll<TargetField>('/api/v1/mappings/target-fields', 1000));
  const [rows, setRows] = useState<FieldMapping[]>([]);
  const [syncKeys, setSyncKeys] = useState<string[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>();
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  const def = definition.data;
  // A freshly loaded definition replaces the draft (adjusting state while rendering, not in an effect).
  const [draftOf, setDraftOf] = useState<MappingDefinition | null>();
  if (def !== undefined && def !== draftOf) {
    setDraftOf(def);
    if (def) {
      setRows(def.mappings);
      setSyncKeys(def.sync_keys);
    }
  }

  const put = async (mappings: FieldMapping[], keys: string[], reload = true) => {
    setError(undefined);
    setSaved(false);
    try {
      await api.put(`/api/v1/mappings/${id}`, {
        vendor: props.integration.vendor,
        app_name: def?.app_name ?? 'PagerDuty',
        record_type: props.integration.record_type,
        preference: def?.preference ?? 'create_update',
        deactivate_missing: def?.deactivate_missing ?? false,
        mappings: mappings.map((m) => ({ ...(m.source ? { source: m.source } : {}), target: m.target, transform: cleanTransform(m.transform) })),
        sync_keys: keys,
        ...(def?.filter ? { filter: def.filter } : {}),
      });
      if (reload) {
        setSaved(true);
        setVersion((v) => v + 1);
      }
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const suggest = async () => {
    setError(undefined);
    try {
      // Suggestions are read from the integration's definition: start an empty one first.
      if (!def) await put([], [], false);
      const answer = await api.get<{ suggestions: Suggestion[] }>(`/api/v1/mappings/${id}/suggestions`);
      setSuggestions(answer.suggestions);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const acceptSuggestions = () => {
    if (!suggestions) return;
    const byTarget = new Map(rows.map((r) => [r.target, r]));
    for (const s of suggestions) if (!byTarget.has(s.target)) byTarget.set(s.target, { source: s.source, target: s.target, transform: s.transform });
    setRows([...byTarget.values()]);
    // Unique targets the suggestions fill become sync keys when none are chosen yet (custom ids first).
    if (syncKeys.length === 0) {
      const unique = new Set((targets.data ?? []).filter((t) => t.unique).map((t) => t.target));
      const keys = [...byTarget.keys()].filter((t) => unique.has(t) && !t.startsWith('saasUser.'));
      setSyncKeys(keys.sort((a, b) => Number(b.startsWith('custom.')) - Number(a.startsWith('custom.'))));
    }
    setSuggestions(undefined);
  };

  const targetList = targets.data ?? [];
  const uniqueTargets = targetList.filter((t) => t.unique);
  const sources = def?.source_fields ?? [];

  return (
    <div className="card" aria-label="Mapping">
      <header className="page-head">
        <h2>Mapping</h2>
        {def && (
          <span data-testid="mapping-check" data-ok={String(def.check.ok)}>
            {def.check.ok ? <Badge tone="ok">complete: ready to launch</Badge> : <Badge tone="warn">incomplete</Badge>}
          </span>
        )}
      </header>
      <ErrorBanner error={definition.error ?? targets.error} />
      {def && !def.check.ok && (
        <div className="banner warn" data-testid="mapping-missing">
          Required before launch:
          <ul>
            {def.check.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {!def && !definition.loading && (
        <Empty title="No mapping yet.">{canEdit ? 'Start with “Smart Mapping”: it proposes a target for each PagerDuty field, with its confidence and reason.' : 'An admin maps this integration’s fields.'}</Empty>
      )}
      {canEdit && (
        <div className="actions">
          <button type="button" onClick={() => void suggest()}>
            Smart Mapping
          </button>
        </div>
      )}
      {suggestions && (
        <div className="suggestions" aria-label="Smart Mapping suggestions">
          <h3>Suggestions ({suggestions.length})</h3>
          {suggestions.length === 0 ? (
            <p className="muted">No suggestion: the vendor offers no field that matches a target. Map them by hand below.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Source</th>
                  <th>Target</th>
                  <th>Transform</th>
                  <th>Confidence</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {suggestions.map((s) => (
                  <tr key={`${s.source}-${s.target}`}>
                    <td>{s.source}</td>
                    <td>{s.target}</td>
                    <td>{s.transform.type}</td>
                    <td>{Math.round(s.confidence * 100)}%</td>
                    <td>{s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" onClick={acceptSuggestions} disabled={!suggestions.length}>
              Use these suggestions
            </button>
            <button type="button" className="secondary" onClick={() => setSuggestions(undefined)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {(rows.length > 0 || def) && (
        <table aria-label="Field mappings" className="mapping-rows">
          <thead>
            <tr>
              <th>Source field</th>
              <th>Transform</th>
              <th>Target</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <MappingRow
                key={`${row.target}-${index}`}
                row={row}
                index={index}
                error={error}
                sources={sources.map((s) => s.name)}
                targets={targetList}
                readOnly={!canEdit}
                onChange={(next) => setRows(rows.map((r, i) => (i === index ? next : r)))}
                onRemove={() => setRows(rows.filter((_, i) => i !== index))}
              />
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <button type="button" className="secondary" onClick={() => setRows([...rows, { source: sources[0]?.name ?? '', target: targetList[0]?.target ?? '', transform: { type: 'copy' } }])}>
          Add a mapping
        </button>
      )}
      <h3>Sync keys</h3>
      <p className="muted">How a record finds its existing person, in order: the first key that matches wins. Only unique fields qualify.</p>
      <Field label="Sync keys" name="sync_keys" error={error}>
        <ol className="sync-keys">
          {syncKeys.map((k, i) => (
            <li key={k}>
              {k}
              {canEdit && (
                <>
                  {' '}
                  <button type="button" className="link" disabled={i === 0} onClick={() => setSyncKeys(move(syncKeys, i, -1))} aria-label={`Move ${k} up`}>
                    ↑
                  </button>
                  <button type="button" className="link" onClick={() => setSyncKeys(syncKeys.filter((x) => x !== k))} aria-label={`Remove sync key ${k}`}>
                    ✕
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      </Field>
      {canEdit && (
        <select
          aria-label="Add a sync key"
          value=""
          onChange={(e) => {
            if (e.target.value) setSyncKeys([...syncKeys, e.target.value]);
          }}
        >
          <option value="">Add a sync key…</option>
          {uniqueTargets
            .filter((t) => !syncKeys.includes(t.target))
            .map((t) => (
              <option key={t.target} value={t.target}>
                {t.label} ({t.target})
              </option>
            ))}
        </select>
      )}
      {canEdit && <CustomFieldForm onCreated={() => setVersion((v) => v + 1)} />}
      <ErrorBanner error={error} claimed={['mappings', 'sync_keys']} />
      {saved && <div className="banner ok">Mapping saved.</div>}
      {canEdit && (
        <div className="actions">
          <button type="button" onClick={() => void put(rows, syncKeys)}>
            Save mapping
          </button>
        </div>
      )}
    </div>
  );
}

function move<T>(list: T[], index: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item as T);
  return next;
}

/** Only the keys a transform type uses (the API refuses unknown ones). */
function cleanTransform(t: Transform): Transform {
  const out: Transform = { type: t.type };
  if (t.type === 'constant') out.value = t.value ?? '';
  if (t.type === 'template') out.template = t.template ?? '';
  if (t.type === 'split_full_name') out.part = t.part ?? 'first';
  if (t.type === 'date' && t.format) out.format = t.format;
  if (t.type === 'value_map') {
    out.map = t.map ?? {};
    if (t.default !== undefined) out.default = t.default;
  }
  return out;
}

function MappingRow(props: {
  row: FieldMapping;
  index: number;
  error?: ApiError;
  sources: string[];
  targets: TargetField[];
  readOnly: boolean;
  onChange: (row: FieldMapping) => void;
  onRemove: () => void;
}) {
  const { row, index } = props;
  const base = `mappings.${index}`;
  const messages = props.error?.messagesFor(base) ?? [];
  if (props.readOnly)
    return (
      <tr>
        <td>{row.source ?? '—'}</td>
        <td>{row.transform.type}</td>
        <td>{row.target}</td>
      </tr>
    );
  return (
    <tr className={messages.length ? 'invalid' : undefined} data-field={base}>
      <td>
        <select aria-label={`Source of mapping ${index + 1}`} value={row.source ?? ''} onChange={(e) => props.onChange({ ...row, source: e.target.value || null })}>
          <option value="">(none)</option>
          {[...new Set([...props.sources, row.source ?? ''])].filter(Boolean).map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={`Transform of mapping ${index + 1}`} value={row.transform.type} onChange={(e) => props.onChange({ ...row, transform: { type: e.target.value as Transform['type'] } })}>
          {TRANSFORMS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        {row.transform.type === 'constant' && (
          <input aria-label={`Constant of mapping ${index + 1}`} value={String(row.transform.value ?? '')} onChange={(e) => props.onChange({ ...row, transform: { ...row.transform, value: e.target.value } })} />
        )}
        {row.transform.type === 'template' && (
          <input aria-label={`Template of mapping ${index + 1}`} value={row.transform.template ?? ''} onChange={(e) => props.onChange({ ...row, transform: { ...row.transform, template: e.target.value } })} />
        )}
      </td>
      <td>
        <select aria-label={`Target of mapping ${index + 1}`} value={row.target} onChange={(e) => props.onChange({ ...row, target: e.target.value })}>
          {[...props.targets.map((t) => t.target), row.target].filter((v, i, all) => v && all.indexOf(v) === i).map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        {messages.map((m) => (
          <div key={m} className="field-error" role="alert">
            {m}
          </div>
        ))}
      </td>
      <td>
        <button type="button" className="link" onClick={props.onRemove} aria-label={`Remove mapping ${index + 1}`}>
          ✕
        </button>
      </td>
    </tr>
  );
}

function CustomFieldForm(props: { onCreated: (field: CustomField) => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<CustomField['type']>('string');
  const [unique, setUnique] = useState(true);
  const [error, setError] = useState<ApiError>();
  const create = async () => {
    setError(undefined);
    try {
      const created = await api.post<CustomField>('/api/v1/mappings/custom-fields', { name, type, unique });
      setName('');
      props.onCreated(created);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <fieldset className="custom-field" aria-label="New custom field">
      <legend>Custom field</legend>
      <div className="grid3">
        <Field label="Name" name="name" error={error} hint="e.g. PagerDuty User ID; a unique one can be a sync key">
          <input name="custom_field_name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Type" name="type" error={error}>
          <select name="custom_field_type" value={type} onChange={(e) => setType(e.target.value as CustomField['type'])}>
            <option>string</option>
            <option>number</option>
            <option>boolean</option>
            <option>date</option>
          </select>
        </Field>
        <Field label="Unique" name="unique" error={error}>
          <input name="custom_field_unique" type="checkbox" checked={unique} onChange={(e) => setUnique(e.target.checked)} />
        </Field>
      </div>
      <ErrorBanner error={error} claimed={['name', 'type', 'unique', 'key']} />
      <button type="button" className="secondary" onClick={() => void create()}>
        Add custom field
      </button>
    </fieldset>
  );
}
