import type { ColumnDef } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { api, listAll } from '../api/client';
import type { ApiError } from '../api/problem';
import type { Credential, Integration, Schedule } from '../api/types';
import { go } from '../router';
import { useCan } from '../session/session-context';
import { Badge, Empty, ErrorBanner, Field, when } from '../ui/controls';
import { DataTable } from '../ui/data-table';
import { useApi } from '../ui/use-api';
import { usePages } from '../ui/use-pages';

export function scheduleText(s: Schedule): string {
  return s.kind === 'interval' ? `every ${s.interval_minutes ?? '?'} min` : `daily at ${s.time_of_day ?? '?'} ${s.time_zone ?? 'UTC'}`;
}

const columns: ColumnDef<Integration, unknown>[] = [
  { header: 'Name', accessorKey: 'name', cell: ({ row }) => <a href={`#/integrations/${row.original.id}`}>{row.original.name}</a> },
  { header: 'Vendor', accessorKey: 'vendor' },
  { header: 'Status', accessorKey: 'status', cell: ({ row }) => <Badge tone={row.original.status === 'active' ? 'ok' : 'warn'}>{row.original.status}</Badge> },
  { header: 'Schedule', cell: ({ row }) => scheduleText(row.original.schedule) },
  { header: 'Last run', cell: ({ row }) => row.original.last_run?.status ?? '—' },
  { header: 'Next run', cell: ({ row }) => when(row.original.next_run_at) },
];

export function IntegrationsPage() {
  const canEdit = useCan('admin');
  const list = usePages<Integration>('/api/v1/integrations?limit=50');
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <header className="page-head">
        <h1>Integrations</h1>
        {canEdit && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New integration
          </button>
        )}
      </header>
      {creating && <CreateIntegration onCancel={() => setCreating(false)} />}
      <ErrorBanner error={list.error} />
      {list.rows.length === 0 && !list.loading ? (
        <Empty title="No integrations yet.">
          {canEdit
            ? 'Create one from the PagerDuty preset with “New integration” (add its API key under Credentials first), map its fields, then Launch.'
            : 'An admin creates integrations; their runs show here.'}
        </Empty>
      ) : (
        <DataTable label="Integrations" rows={list.rows} columns={columns} rowKey={(i) => i.id} more={list.more} />
      )}
    </section>
  );
}

const FIELDS = ['name', 'credential_id', 'region', 'base_url', 'schedule', 'extras', 'record_type', 'installation_type'] as const;

/** The PagerDuty preset: users and their SaaS accounts, cloud API with a vault credential, every extra on. */
function CreateIntegration(props: { onCancel: () => void }) {
  const credentials = useApi('credentials', () => listAll<Credential>('/api/v1/credentials?vendor=pagerduty', 1000));
  const [name, setName] = useState('PagerDuty');
  const [credentialId, setCredentialId] = useState('');
  const [region, setRegion] = useState<'us' | 'eu'>('us');
  const [baseUrl, setBaseUrl] = useState('');
  const [kind, setKind] = useState<'interval' | 'daily'>('daily');
  const [intervalMinutes, setIntervalMinutes] = useState('60');
  const [timeOfDay, setTimeOfDay] = useState('03:00');
  const [timeZone, setTimeZone] = useState('UTC');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const schedule = kind === 'interval' ? { kind, interval_minutes: Number(intervalMinutes) } : { kind, time_of_day: timeOfDay, time_zone: timeZone };
    try {
      const created = await api.post<Integration>('/api/v1/integrations', {
        name,
        vendor: 'pagerduty',
        record_type: 'user_and_saas_user',
        installation_type: 'cloud',
        region,
        ...(credentialId ? { credential_id: credentialId } : {}),
        ...(baseUrl ? { base_url: baseUrl } : {}),
        schedule,
        extras: { teams: true, licence: true, last_sign_in: true },
      });
      go(`integrations/${created.id}`);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const creds = credentials.data ?? [];
  return (
    <form className="card" aria-label="New integration" onSubmit={(e) => void submit(e)}>
      <h2>New integration — PagerDuty preset</h2>
      <p className="muted">Syncs PagerDuty users into People and their PagerDuty accounts (role, licence, last sign-in) into SaaS users.</p>
      <div className="grid2">
        <Field label="Name" name="name" error={error}>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Credential (vault)" name="credential_id" error={error} hint={creds.length ? undefined : 'No PagerDuty credential yet: add one under Credentials.'}>
          <select name="credential_id" value={credentialId} onChange={(e) => setCredentialId(e.target.value)}>
            <option value="">— choose —</option>
            {creds.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Region" name="region" error={error}>
          <select name="region" value={region} onChange={(e) => setRegion(e.target.value as 'us' | 'eu')}>
            <option value="us">US (api.pagerduty.com)</option>
            <option value="eu">EU (api.eu.pagerduty.com)</option>
          </select>
        </Field>
        <Field label="Base URL (optional)" name="base_url" error={error} hint="Leave empty for the region's official API.">
          <input name="base_url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://api.pagerduty.com" />
        </Field>
        <Field label="Schedule" name="schedule.kind" error={error}>
          <select name="schedule_kind" value={kind} onChange={(e) => setKind(e.target.value as 'interval' | 'daily')}>
            <option value="daily">Daily</option>
            <option value="interval">Every N minutes</option>
          </select>
        </Field>
        {kind === 'interval' ? (
          <Field label="Minutes between runs" name="schedule.interval_minutes" error={error}>
            <input name="interval_minutes" type="number" value={intervalMinutes} onChange={(e) => setIntervalMinutes(e.target.value)} />
          </Field>
        ) : (
          <div className="grid2">
            <Field label="Time of day" name="schedule.time_of_day" error={error}>
              <input name="time_of_day" value={timeOfDay} onChange={(e) => setTimeOfDay(e.target.value)} />
            </Field>
            <Field label="Time zone" name="schedule.time_zone" error={error}>
              <input name="time_zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
            </Field>
          </div>
        )}
      </div>
      <ErrorBanner error={error} claimed={FIELDS} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Create
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
