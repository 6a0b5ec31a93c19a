import type { ApiClient } from './api-client';

// The workflow run and step shapes of the gateway (apps/gateway/src/workflows/workflow-view.dto.ts),
// spelled out here, like run-progress.ts does for sync runs, so the CLI loads no decorated classes.
export type WorkflowRunStatus = 'planning' | 'planned' | 'awaiting_approval' | 'running' | 'completed' | 'failed' | 'cancelled' | 'rejected';

export interface WorkflowRunView {
  id: string;
  workflow_id: string;
  workflow_version: number;
  trigger: string;
  dry_run: boolean;
  status: WorkflowRunStatus;
  reason: string | null;
  counts: { records: number; planned: number; succeeded: number; skipped: number; failed: number };
  approval: { kind: string; block_id: string | null; expires_at: string; destructive: number; limit: number } | null;
  created_at: string;
  finished_at: string | null;
}

export interface WorkflowStepView {
  id: string;
  run_id: string;
  block_id: string;
  block_type: string;
  action: string;
  status: string;
  saas_user_id: string | null;
  external_id: string | null;
  email: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

/** Planned vendor deletes: how many accounts applying the plan would delete (the plan's size). */
export const planSize = (steps: Array<Pick<WorkflowStepView, 'action'>>): number => steps.filter((s) => s.action === 'vendor_delete').length;

/** Polls a run while the workflow service is still making its plan; returns it once it is past `planning`. */
export async function waitForPlan(api: ApiClient, runId: string, opts: { intervalMs?: number; timeoutMs?: number } = {}): Promise<WorkflowRunView> {
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  for (;;) {
    const run = await api.get<WorkflowRunView>(`/workflows/runs/${runId}`);
    if (run.status !== 'planning') return run;
    if (Date.now() > deadline) throw new Error(`workflow run ${runId} is still planning after ${Math.round((opts.timeoutMs ?? 600_000) / 1000)} s`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}
