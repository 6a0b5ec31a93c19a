import { useCallback, useState } from 'react';
import { api } from '../api/client';
import type { ApiError } from '../api/problem';
import type { CredentialTest, Integration } from '../api/types';
import { useCan } from '../session/session-context';
import { Badge, ErrorBanner, when } from '../ui/controls';
import { useApi } from '../ui/use-api';
import { scheduleText } from './integrations';
import { MappingEditor } from './mapping-editor';
import { Quarantine } from './quarantine';
import { RunHistory } from './run-history';

/** One integration: launch / pause / run now, its mapping, its runs (live) and its quarantine. */
export function IntegrationDetail(props: { id: string }) {
  const canEdit = useCan('admin');
  const canRun = useCan('operator');
  const integration = useApi(`integration-${props.id}`, () => api.get<Integration>(`/api/v1/integrations/${props.id}`));
  const [actionError, setActionError] = useState<ApiError>();
  const [runsVersion, setRunsVersion] = useState(0);
  // Bumped when a run ends: the quarantine (and the integration's next run) are read afresh.
  const [finished, setFinished] = useState(0);
  const { reload } = integration;
  const onRunFinished = useCallback(() => {
    reload();
    setFinished((n) => n + 1);
  }, [reload]);

  const [test, setTest] = useState<CredentialTest>();
  const act = async (what: 'launch' | 'pause' | 'runs' | 'test') => {
    setActionError(undefined);
    setTest(undefined);
    try {
      const answer = await api.post<CredentialTest>(`/api/v1/integrations/${props.id}/${what}`);
      if (what === 'test') setTest(answer);
      integration.reload();
      if (what === 'runs') setRunsVersion((v) => v + 1);
    } catch (e) {
      setActionError(e as ApiError);
    }
  };

  const i = integration.data;
  if (!i) return <ErrorBanner error={integration.error} />;
  return (
    <section>
      <p>
        <a href="#/integrations">← Integrations</a>
      </p>
      <header className="page-head">
        <h1>
          {i.name} <Badge tone={i.status === 'active' ? 'ok' : 'warn'}>{i.status}</Badge>
        </h1>
        <div className="actions">
          {canEdit && (
            <button type="button" className="secondary" onClick={() => void act('test')}>
              Test connection
            </button>
          )}
          {canEdit && i.status !== 'active' && (
            <button type="button" onClick={() => void act('launch')}>
              Launch
            </button>
          )}
          {canEdit && i.status === 'active' && (
            <button type="button" className="secondary" onClick={() => void act('pause')}>
              Pause
            </button>
          )}
          {canRun && (
            <button type="button" onClick={() => void act('runs')}>
              Run now
            </button>
          )}
        </div>
      </header>
      <dl className="facts">
        <dt>Vendor</dt>
        <dd>{i.vendor}</dd>
        <dt>Records</dt>
        <dd>{i.record_type === 'user_and_saas_user' ? 'people and SaaS users' : 'people'}</dd>
        <dt>Schedule</dt>
        <dd>{scheduleText(i.schedule)}</dd>
        <dt>Next run</dt>
        <dd>{when(i.next_run_at)}</dd>
        <dt>API</dt>
        <dd>{i.base_url ?? `official (${i.region})`}</dd>
      </dl>
      {actionError && <MappingNotReady error={actionError} />}
      {test && (
        <div className={`banner ${test.ok ? 'ok' : 'error'}`} role="status" data-testid="integration-test">
          Connection to {test.endpoint ?? 'the vendor'}: {test.ok ? 'OK' : 'refused'} — {test.message}
        </div>
      )}
      <RunHistory integrationId={i.id} version={runsVersion} onFinished={onRunFinished} />
      <MappingEditor integration={i} />
      <Quarantine key={finished} integrationId={i.id} />
    </section>
  );
}

/** Launch refused: the mapping check's missing items are the problem's `mapping` field messages. */
function MappingNotReady(props: { error: ApiError }) {
  const missing = props.error.messagesFor('mapping');
  if (!missing.length) return <ErrorBanner error={props.error} />;
  return (
    <div className="banner error" role="alert" data-field="mapping">
      <strong>Not ready to launch — the mapping still lacks:</strong>
      <ul>
        {missing.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
