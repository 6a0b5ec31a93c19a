import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiError } from '../../api/problem';
import type { GraphProblem, Workflow, WorkflowRun } from '../../api/workflow-types';
import { useCan } from '../../session/session-context';
import { Badge, ErrorBanner, when } from '../../ui/controls';
import { useApi } from '../../ui/use-api';
import { GraphView } from './graph-view';
import { PreviewPanel } from './preview-panel';
import { RunPanel } from './run-panel';
import { workflowTone } from './tones';
import { WorkflowRuns } from './workflow-runs';

/** A 422 WORKFLOW_GRAPH_INVALID names its blocks: those problems go on the graph, anything else in a banner. */
const graphProblems = (e: ApiError): GraphProblem[] | undefined => (e.code === 'WORKFLOW_GRAPH_INVALID' ? ((e.problem.errors ?? []) as GraphProblem[]) : undefined);

/**
 * One workflow: its graph from Begin (blocks, configuration, links, validation problems on their
 * block), validate / preview, launch / pause (admin), dry run / run now (operator), its runs and
 * the selected run's plan or steps with apply, approve / reject, cancel and retry.
 */
export function WorkflowDetail(props: { id: string }) {
  const canEdit = useCan('admin');
  const canRun = useCan('operator');
  const workflow = useApi(`workflow-${props.id}`, () => api.get<Workflow>(`/api/v1/workflows/${props.id}`));
  const [problems, setProblems] = useState<GraphProblem[]>([]);
  const [valid, setValid] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [previewing, setPreviewing] = useState(false);
  const [selected, setSelected] = useState<string>();
  const [runsVersion, setRunsVersion] = useState(0);

  const failed = (e: unknown) => {
    const err = e as ApiError;
    const named = graphProblems(err);
    setValid(false);
    if (named) setProblems(named);
    else setError(err);
  };
  const reset = () => {
    setError(undefined);
    setValid(false);
  };

  const validate = async () => {
    reset();
    try {
      await api.get<{ ok: boolean }>(`/api/v1/workflows/${props.id}/validation`);
      setProblems([]);
      setValid(true);
    } catch (e) {
      failed(e);
    }
  };
  const transition = async (what: 'launch' | 'pause' | 'resume') => {
    reset();
    try {
      await api.post<Workflow>(`/api/v1/workflows/${props.id}/${what}`);
      setProblems([]);
      workflow.reload();
    } catch (e) {
      failed(e);
    }
  };
  const start = async (dryRun: boolean) => {
    reset();
    try {
      const run = await api.post<WorkflowRun>(`/api/v1/workflows/${props.id}/runs`, { dry_run: dryRun });
      setSelected(run.id);
      setRunsVersion((v) => v + 1);
    } catch (e) {
      failed(e);
    }
  };

  const w = workflow.data;
  if (!w) return workflow.error ? <ErrorBanner error={workflow.error} /> : <p className="muted">Loading…</p>;
  return (
    <section>
      <p>
        <a href="#/workflows">← Workflows</a>
      </p>
      <header className="page-head">
        <h1>
          {w.name} <Badge tone={workflowTone(w.status)}>{w.status}</Badge>
        </h1>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void validate()}>
            Validate
          </button>
          <button type="button" className="secondary" onClick={() => setPreviewing((p) => !p)} aria-pressed={previewing}>
            Preview
          </button>
          {canEdit && w.status === 'draft' && (
            <button type="button" onClick={() => void transition('launch')}>
              Launch
            </button>
          )}
          {canEdit && w.status === 'paused' && (
            <button type="button" onClick={() => void transition('resume')}>
              Resume
            </button>
          )}
          {canEdit && w.status === 'active' && (
            <button type="button" className="secondary" onClick={() => void transition('pause')}>
              Pause
            </button>
          )}
          {canRun && (
            <button type="button" onClick={() => void start(true)}>
              Dry run
            </button>
          )}
          {canRun && w.status === 'active' && (
            <button type="button" onClick={() => void start(false)}>
              Run now
            </button>
          )}
        </div>
      </header>
      {w.description && <p className="muted">{w.description}</p>}
      <dl className="facts">
        <dt>Trigger</dt>
        <dd>{w.trigger ?? '—'}</dd>
        <dt>Versions</dt>
        <dd>
          draft v{w.draft_version}
          {w.active_version !== null ? `, runs execute v${w.active_version}` : ' (not launched: only dry runs)'}
        </dd>
        <dt>Blast radius</dt>
        <dd>
          more than {w.limits.max_count} records or {w.limits.max_percent}% of an app’s accounts deleted or deactivated waits for an approval
        </dd>
        <dt>Next run</dt>
        <dd>{when(w.next_run_at)}</dd>
      </dl>
      <ErrorBanner error={error} />
      {valid && (
        <div className="banner ok" role="status" data-testid="workflow-valid">
          The graph is valid: it can be launched.
        </div>
      )}
      {problems.length > 0 && (
        <div className="banner error" role="alert" data-testid="workflow-invalid">
          The graph has {problems.length} problem{problems.length === 1 ? '' : 's'}, shown on their block.
        </div>
      )}
      {previewing && <PreviewPanel workflowId={w.id} />}
      <div className="wf-layout">
        <div>
          <h2>Graph</h2>
          <GraphView graph={w.graph} problems={problems} />
        </div>
        <div>
          <WorkflowRuns workflowId={w.id} version={runsVersion} selected={selected} onSelect={setSelected} />
          {selected && <RunPanel key={selected} runId={selected} onChanged={() => setRunsVersion((v) => v + 1)} />}
        </div>
      </div>
    </section>
  );
}
