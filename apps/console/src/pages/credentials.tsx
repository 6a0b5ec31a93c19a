import type { ColumnDef } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { api, query } from '../api/client';
import type { ApiError } from '../api/problem';
import type { AccessLogEntry, Credential, CredentialTest } from '../api/types';
import { useCan } from '../session/session-context';
import { Badge, Empty, ErrorBanner, Field, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { usePages } from '../ui/use-pages';

const columns: ColumnDef<Credential, unknown>[] = [
  { header: 'Name', accessorKey: 'name' },
  { header: 'Vendor', accessorKey: 'vendor' },
  { header: 'Type', accessorKey: 'type' },
  { header: 'Secret', cell: ({ row }) => (row.original.secret_hint ? `…${row.original.secret_hint} (v${row.original.secret_version ?? 1})` : 'local reference') },
  {
    header: 'Last test',
    cell: ({ row }) => {
      const t = row.original.last_test;
      return t ? <Badge tone={t.ok ? 'ok' : 'bad'}>{t.ok ? 'ok' : t.message}</Badge> : '—';
    },
  },
  { header: 'Last used', cell: ({ row }) => when(row.original.last_used_at) },
];

const accessColumns: ColumnDef<AccessLogEntry, unknown>[] = [
  { header: 'When', cell: ({ row }) => when(row.original.at) },
  { header: 'Action', accessorKey: 'action' },
  { header: 'Caller', accessorKey: 'caller_service' },
  { header: 'Purpose', cell: ({ row }) => row.original.purpose ?? '—' },
  { header: 'Outcome', cell: ({ row }) => <Badge tone={row.original.outcome === 'granted' ? 'ok' : 'bad'}>{row.original.outcome}</Badge> },
  { header: 'Credential', cell: ({ row }) => row.original.credential_id.slice(0, 8) },
];

/** Vault credentials: the secret is write-only (only a hint comes back), tested on save; who resolved which secret. */
export function CredentialsPage() {
  const canEdit = useCan('admin');
  const list = usePages<Credential>('/api/v1/credentials?limit=50');
  const log = usePages<AccessLogEntry>(`/api/v1/vault/access-log${query({ limit: 50 })}`);
  const [creating, setCreating] = useState(false);

  return (
    <section>
      <header className="page-head">
        <h1>Credentials</h1>
        {canEdit && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New credential
          </button>
        )}
      </header>
      {creating && (
        <CreateCredential
          onDone={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
      <ErrorBanner error={list.error} />
      {list.rows.length === 0 && !list.loading ? (
        <Empty title="No credentials yet.">
          {canEdit ? 'Add one with “New credential”: the secret is encrypted in the vault and never shown again.' : 'An admin adds credentials; you can read them here.'}
        </Empty>
      ) : (
        <DataTable label="Credentials" rows={list.rows} columns={columns} rowKey={(c) => c.id} more={list.more} />
      )}
      <h2>Access log</h2>
      <ErrorBanner error={log.error} />
      {log.rows.length === 0 && !log.loading ? (
        <Empty title="No secret has been resolved yet.">Each time a sync reads a credential, the vault records it here.</Empty>
      ) : (
        <DataTable label="Access log" rows={log.rows} columns={accessColumns} rowKey={(e) => e.id} more={log.more} />
      )}
    </section>
  );
}

const FIELDS = ['name', 'vendor', 'type', 'preset', 'secret', 'description', 'region', 'base_url'] as const;

function CreateCredential(props: { onDone: () => void }) {
  const [name, setName] = useState('PagerDuty');
  const [secret, setSecret] = useState('');
  const [description, setDescription] = useState('');
  const [region, setRegion] = useState<'us' | 'eu'>('us');
  const [testUrl, setTestUrl] = useState('');
  const [error, setError] = useState<ApiError>();
  const [test, setTest] = useState<CredentialTest>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = { name, vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret, ...(description ? { description } : {}) };
      const created = await api.post<Credential>('/api/v1/credentials', body);
      setSecret('');
      // Test on save, where the key will be used: one harmless vendor call against the region or base URL.
      setTest(await api.post<CredentialTest>(`/api/v1/credentials/${created.id}/test`, testUrl ? { base_url: testUrl } : { region }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (test)
    return (
      <div className={`banner ${test.ok ? 'ok' : 'error'}`} role="status" data-testid="credential-test">
        Saved. Test{test.endpoint ? ` against ${test.endpoint}` : ''}: {test.ok ? 'the vendor accepted the key' : 'the vendor refused it'} — {test.message}{' '}
        <button type="button" className="secondary" onClick={props.onDone}>
          Done
        </button>
      </div>
    );
  return (
    <form className="card" aria-label="New credential" onSubmit={(e) => void submit(e)}>
      <h2>New credential — PagerDuty API key</h2>
      <Field label="Name" name="name" error={error}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="API key" name="secret" error={error} hint="Write-only: stored encrypted, never shown again.">
        <input name="secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </Field>
      <Field label="Description" name="description" error={error}>
        <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="grid2">
        <Field label="Test against region" name="region" error={error}>
          <select name="region" value={region} onChange={(e) => setRegion(e.target.value as 'us' | 'eu')}>
            <option value="us">US (api.pagerduty.com)</option>
            <option value="eu">EU (api.eu.pagerduty.com)</option>
          </select>
        </Field>
        <Field label="…or test against base URL" name="base_url" error={error} hint="Only official hosts and the operator's allowed URLs are called.">
          <input name="base_url" value={testUrl} onChange={(e) => setTestUrl(e.target.value)} placeholder="https://api.pagerduty.com" />
        </Field>
      </div>
      <ErrorBanner error={error} claimed={FIELDS} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save and test
        </button>
        <button type="button" className="secondary" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
