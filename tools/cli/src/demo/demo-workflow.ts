import type { ApiClient } from '../api-client';
import { planSize, waitForPlan, type WorkflowRunView, type WorkflowStepView } from '../workflow-runs';

export const DEMO_WORKFLOW_NAME = 'Delete PagerDuty users inactive for more than a year (demo)';

/** The seed's example rule: PagerDuty accounts whose last activity is more than 365 days ago. */
export const INACTIVE_PAGERDUTY_USERS = {
  all: [
    { field: 'saasApp.name', op: 'eq', value: 'PagerDuty' },
    { field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 },
  ],
};

/** Begin (daily, active records, the rule) → API block (PagerDuty delete) → End, in the gateway's snake_case. */
export function exampleWorkflowGraph(credentialId: string) {
  return {
    blocks: [
      {
        id: 'begin',
        type: 'begin',
        name: 'Every day, active PagerDuty users inactive > 365 days',
        config: { trigger: 'schedule', schedule: { kind: 'daily', time_of_day: '03:00', time_zone: 'UTC' }, scope: 'active_records', rule: INACTIVE_PAGERDUTY_USERS },
      },
      { id: 'delete', type: 'api', name: 'Delete the PagerDuty user', config: { preset: 'pagerduty.delete_user', credential_id: credentialId } },
      { id: 'end', type: 'end', config: {} },
    ],
    links: [
      { from: 'begin', to: 'delete', branch: 'success' },
      { from: 'delete', to: 'end', branch: 'success' },
    ],
  };
}

export interface DemoWorkflowPlan {
  workflowId: string;
  runId: string;
  /** Planned vendor deletes: the SaaS users the workflow would delete if the plan were applied. */
  size: number;
}

/**
 * The example workflow ("delete PagerDuty users inactive for more than a year") as a dry run:
 * created as a draft (one left by an earlier start is reused as it stands), validated, then only
 * its plan is made. The demo never launches or applies it, with a real PAGERDUTY_API_KEY too: a draft
 * has no schedule that fires, and a dry run stops at `planned`.
 */
export async function dryRunExampleWorkflow(api: ApiClient, credentialId: string, step: (s: string) => void): Promise<DemoWorkflowPlan> {
  // One left by an earlier start is dry-run as it stands: an admin may have edited it since.
  const existing = (await api.all<{ id: string; name: string }>('/workflows')).find((w) => w.name === DEMO_WORKFLOW_NAME);
  const workflow =
    existing ??
    (await api.post<{ id: string }>('/workflows', {
      name: DEMO_WORKFLOW_NAME,
      type: 'saas_users',
      description: 'The seed example: delete PagerDuty accounts nobody used for a year.',
      graph: exampleWorkflowGraph(credentialId),
    }));
  await api.get(`/workflows/${workflow.id}/validation`);
  step(`example workflow ${existing ? 'found' : 'created'} and valid (${workflow.id}): Begin → delete PagerDuty user → End`);

  const queued = await api.post<WorkflowRunView>(`/workflows/${workflow.id}/runs`, { dry_run: true });
  const run = await waitForPlan(api, queued.id, { intervalMs: 300 });
  if (run.status !== 'planned') throw new Error(`the example workflow's dry run ended ${run.status}${run.reason ? `: ${run.reason}` : ''}`);
  const plan = await api.all<WorkflowStepView>(`/workflows/runs/${run.id}/plan`, {}, 1_000_000);
  const size = planSize(plan);
  step(`dry run ${run.id} planned: ${size} PagerDuty users would be deleted; nothing was deleted`);
  return { workflowId: workflow.id, runId: run.id, size };
}
