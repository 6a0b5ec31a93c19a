import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiError } from '../../api/problem';
import { FINISHED_WORKFLOW_RUN, LIVE_WORKFLOW_RUN, type WorkflowRun } from '../../api/workflow-types';
import { useCan } from '../../session/session-context';
import { Badge, ErrorBanner, when } from '../../ui/controls';
import { useApi } from '../../ui/use-api';
import { RunSteps } from './run-steps';
import { runTone } from './tones';

type Action = 'apply' | 'approve' | 'reject' | 'cancel' | 'retry';

/**
 * One run: status, counts, the approval it waits for, and what an operator may do now (apply a
 * planned dry run, approve / reject, cancel, retry failed steps), then its plan or steps. Polled
 * every second while it plans, runs or waits for a decision (someone else may decide).
 */
export function RunPanel(props: { runId: string; onChanged: () => void }) {
  const canRun = useCan('operator');
  const run = useApi(`wf-run-${props.runId}`, () => api.get<WorkflowRun>(`/api/v1/workflows/runs/${props.runId}`), {
    pollMs: 1000,
    poll: (r) => LIVE_WORKFLOW_RUN.includes(r.status) || r.status === 'awaiting_approval',
  });
  const [error, setError] = useState<ApiError>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (what: Action) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = what === 'approve' || what === 'reject' ? (comment.trim() ? { comment: comment.trim() } : {}) : undefined;
      await api.post<WorkflowRun>(`/api/v1/workflows/runs/${props.runId}/${what}`, body);
      setComment('');
      run.reload();
      props.onChanged();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const r = run.data;
  if (!r) return run.error ? <ErrorBanner error={run.error} /> : <p className="muted">Loading…</p>;
  const finished = FINISHED_WORKFLOW_RUN.includes(r.status);
  const button = (what: Action, label: string, secondary = false) => (
    <button type="button" className={secondary ? 'secondary' : undefined} disabled={busy} onClick={() => void act(what)}>
      {label}
    </button>
  );
  return (
    <div className="card" data-testid="workflow-run" data-status={r.status} aria-label="Run">
      <h3>
        {r.dry_run ? 'Dry run' : 'Run'} of v{r.workflow_version} <Badge tone={runTone(r.status)}>{r.status.replace('_', ' ')}</Badge>
      </h3>
      <p className="muted">
        {r.trigger} · started {when(r.created_at)}
        {r.finished_at && ` · finished ${when(r.finished_at)}`}
      </p>
      <p data-testid="run-counts">
        {r.counts.records} records · {r.counts.planned} planned · {r.counts.succeeded} succeeded · {r.counts.skipped} skipped · {r.counts.failed} failed
      </p>
      {r.reason && <p className="muted">{r.reason}</p>}
      {r.status === 'planned' && r.dry_run && <div className="banner ok">Plan ready: nothing has changed. Apply executes exactly this plan.</div>}
      {r.approval && r.status === 'awaiting_approval' && (
        <div className="banner warn" role="status" data-testid="run-approval">
          Waiting for an approval: {r.approval.kind === 'gate' ? `${r.approval.destructive} destructive steps exceed the blast-radius limit of ${r.approval.limit}` : `the Approval block ${r.approval.block_id ?? ''}`}{' '}
          (expires {when(r.approval.expires_at)}).
        </div>
      )}
      <ErrorBanner error={error} />
      {canRun && (
        <div className="actions">
          {r.dry_run && r.status === 'planned' && button('apply', 'Apply')}
          {r.status === 'awaiting_approval' && (
            <>
              <input aria-label="Comment" placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
              {button('approve', 'Approve')}
              {button('reject', 'Reject', true)}
            </>
          )}
          {!finished && !(r.dry_run && r.status === 'planned') && button('cancel', 'Cancel run', true)}
          {finished && r.counts.failed > 0 && button('retry', 'Retry failed')}
        </div>
      )}
      <RunSteps run={r} />
    </div>
  );
}
